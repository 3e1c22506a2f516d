import NIOCore

/// Flight 5 is out; the server's ChangeCipherSpec switches reading to epoch 1.
struct ClientAwaitingChangeCipherSpec: Sendable {
    private(set) var negotiation: ClientNegotiation
    let secrets: SessionSecrets
    let pskIdentity: [UInt8]?
    let identityHint: [UInt8]?
    let peer: DTLSPeerIdentity?
    /// Whether the client sent a certificate and CertificateVerify.
    let authenticatedToServer: Bool
    /// The ticket from a NewSessionTicket in flight 6, if one came.
    private(set) var ticket: [UInt8]?

    init(
        negotiation: ClientNegotiation,
        secrets: SessionSecrets,
        pskIdentity: [UInt8]?,
        identityHint: [UInt8]?,
        peer: DTLSPeerIdentity?,
        authenticatedToServer: Bool
    ) {
        self.negotiation = negotiation
        self.secrets = secrets
        self.pskIdentity = pskIdentity
        self.identityHint = identityHint
        self.peer = peer
        self.authenticatedToServer = authenticatedToServer
    }

    /// Whether the ServerHello promised a NewSessionTicket that has not come yet.
    var awaitsTicket: Bool { negotiation.expectsTicket && ticket == nil }

    /// A NewSessionTicket before the server's ChangeCipherSpec (RFC 5077 §3.3), if promised.
    mutating func receiveNewSessionTicket(_ message: HandshakeMessage) throws(DTLSError) {
        guard negotiation.expectsTicket, ticket == nil else {
            throw DTLSError(.unexpectedMessage, "NewSessionTicket that the ServerHello did not announce")
        }
        ticket = try decode(NewSessionTicket.self, message).ticket
        negotiation.received(message)
    }

    func receiveChangeCipherSpec() -> (ClientAwaitingFinished, [HandshakeAction]) {
        let protection = secrets.keys.protection(for: .server, algorithm: negotiation.suite.protection)
        return (ClientAwaitingFinished(previous: self), [.installReadEpoch(protection)])
    }
}

/// Reading epoch 1; the server's Finished completes the handshake.
struct ClientAwaitingFinished: Sendable {
    let previous: ClientAwaitingChangeCipherSpec

    func receiveFinished(_ message: HandshakeMessage) throws(DTLSError) -> [HandshakeAction] {
        guard message.epoch == 1 else {
            throw DTLSError(.unexpectedMessage, "Finished arrived unprotected in epoch \(message.epoch)")
        }
        let finished = try decode(Finished.self, message)
        let negotiation = previous.negotiation
        let expected = previous.secrets.verifyData(sender: .server, transcriptHash: negotiation.transcript.currentHash)
        guard constantTimeEquals(expected, finished.verifyData) else {
            throw DTLSError(.finishedMismatch, "server Finished does not match the transcript")
        }
        var info = DTLSSessionInfo(
            cipherSuite: negotiation.suite.suite,
            extendedMasterSecret: negotiation.extendedMasterSecret,
            pskIdentity: previous.pskIdentity,
            pskIdentityHint: previous.identityHint,
            serverName: negotiation.configuration.serverName,
            sessionID: negotiation.sessionID,
            serverHelloExtensions: negotiation.serverHelloExtensions,
            peerIdentity: previous.peer,
            clientAuthenticated: previous.authenticatedToServer
        )
        info.connectionID = negotiation.connectionIDs?.receiving
        info.peerConnectionID = negotiation.connectionIDs?.sending
        info.serverCertificate = negotiation.serverCertificate
        info.serverCertificateFromCache = negotiation.serverUsesCachedCertificate
        info.resumableSession = negotiation.resumableSession(
            masterSecret: previous.secrets.masterSecret,
            ticket: previous.ticket,
            pskIdentity: previous.pskIdentity,
            peer: previous.peer
        )
        return [.complete(info)]
    }
}
