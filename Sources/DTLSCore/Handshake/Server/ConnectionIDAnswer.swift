/// The server's side of connection ID negotiation (RFC 9146 §3).
enum ConnectionIDAnswer {
    /// When connection IDs are configured and the client offered one under the configured
    /// code point: the client's ID for sending and a fresh server ID for receiving.
    static func negotiate(_ hello: ClientHello, configuration: DTLSConfiguration) throws(DTLSError) -> NegotiatedConnectionIDs? {
        guard let settings = configuration.connectionIDs, let offer = try hello.extensions.connectionID(settings.codePoint) else {
            return nil
        }
        return NegotiatedConnectionIDs(
            sending: offer.connectionID,
            receiving: settings.generator.makeConnectionID(),
            codePoint: settings.codePoint
        )
    }

    /// Adds the server's connection ID to the ServerHello.
    static func add(_ connectionIDs: NegotiatedConnectionIDs?, to extensions: inout HelloExtensions) {
        guard let connectionIDs else { return }
        extensions.setConnectionID(ConnectionIDExtension(connectionIDs.receiving), codePoint: connectionIDs.codePoint)
    }

    /// What the connection applies before sending flight 4: connection IDs and record size limits.
    static func actions(_ connectionIDs: NegotiatedConnectionIDs?, _ limits: RecordSizeLimits?) -> [HandshakeAction] {
        var actions: [HandshakeAction] = []
        if let connectionIDs { actions.append(.useConnectionIDs(connectionIDs)) }
        if let limits { actions.append(.limitRecordSizes(limits)) }
        return actions
    }
}
