import NIOCore

/// What the server settled on when answering the ClientHello; carried through the later states.
struct ServerNegotiation: Sendable {
    let configuration: DTLSConfiguration
    let clientRandom: [UInt8]
    let serverRandom: [UInt8]
    let suite: CipherSuiteParameters
    let extendedMasterSecret: Bool
    let serverName: String?
    let sessionID: [UInt8]
    let serverHelloExtensions: [ExtensionType]
    var transcript: Transcript
    var outgoing: OutgoingMessages
}

/// Flight 4 is out; waiting for the client's ClientKeyExchange.
struct ServerAwaitingClientKeyExchange: Sendable {
    let negotiation: ServerNegotiation

    /// Chooses parameters for `hello` and builds flight 4.
    static func respond(
        to hello: ClientHello,
        message: HandshakeMessage,
        configuration: DTLSConfiguration
    ) throws(DTLSError) -> (ServerAwaitingClientKeyExchange, Flight) {
        // DTLS versions count down: anything numerically above 1.2 is older (RFC 7925 §18).
        guard hello.clientVersion.rawValue <= ProtocolVersion.dtls12.rawValue else {
            throw DTLSError(.protocolVersion, "client offers only \(hello.clientVersion)")
        }
        guard hello.compressionMethods.contains(0) else {
            throw DTLSError(.illegalParameter, "client does not offer null compression")
        }
        guard
            let suite = hello.cipherSuites.lazy.compactMap({ offered in
                configuration.cipherSuites.contains(offered) ? CipherSuiteParameters.lookup(offered) : nil
            }).first
        else {
            throw DTLSError(.handshakeFailure, "no cipher suite in common")
        }

        let offered = hello.extensions
        let renegotiation = try decode(offered, RenegotiationInfoExtension.self)
        if let renegotiation, !renegotiation.renegotiatedConnection.isEmpty {
            throw DTLSError(.handshakeFailure, "non-empty renegotiation_info on an initial handshake")
        }
        let signalsSecureRenegotiation =
            renegotiation != nil || hello.cipherSuites.contains(.emptyRenegotiationInfoSCSV)
        let extendedMasterSecret = try decode(offered, ExtendedMasterSecretExtension.self) != nil
        if !extendedMasterSecret && configuration.extendedMasterSecret == .required {
            throw DTLSError(.handshakeFailure, "client does not support extended master secret")
        }
        let serverName = try decode(offered, ServerNameExtension.self)?.hostName

        var extensions = HelloExtensions()
        if serverName != nil { extensions.set(ServerNameAcknowledgement()) }
        if extendedMasterSecret { extensions.set(ExtendedMasterSecretExtension()) }
        if signalsSecureRenegotiation { extensions.set(RenegotiationInfoExtension()) }
        let serverHello = ServerHello(
            random: configuration.randomSource.bytes(ClientHello.randomLength),
            cipherSuite: suite.suite,
            extensions: extensions
        )

        // The server numbers its messages from the accepted ClientHello's message_seq (RFC 6347 §4.2.2).
        var outgoing = OutgoingMessages(nextSequence: message.sequence)
        var transcript = Transcript()
        transcript.append(message)
        var items: [Flight.Item] = []
        func add(_ type: HandshakeType, _ body: some WireEncodable) {
            let sent = outgoing.make(type, body)
            transcript.append(sent)
            items.append(.handshake(sent))
        }
        add(.serverHello, serverHello)
        if let hint = configuration.pskIdentityHint {
            add(.serverKeyExchange, PSKServerKeyExchange(identityHint: hint))
        }
        add(.serverHelloDone, ServerHelloDone())

        let negotiation = ServerNegotiation(
            configuration: configuration,
            clientRandom: hello.random,
            serverRandom: serverHello.random,
            suite: suite,
            extendedMasterSecret: extendedMasterSecret,
            serverName: serverName,
            sessionID: serverHello.sessionID,
            serverHelloExtensions: extensions.types,
            transcript: transcript,
            outgoing: outgoing
        )
        return (ServerAwaitingClientKeyExchange(negotiation: negotiation), Flight(items: items, expectsResponse: true))
    }

    /// Flight 5 begins: look the identity up and derive the session's keys.
    func receiveClientKeyExchange(_ message: HandshakeMessage) throws(DTLSError) -> (ServerAwaitingChangeCipherSpec, [HandshakeAction]) {
        let keyExchange = try decode(PSKClientKeyExchange.self, message)
        var negotiation = negotiation
        guard let store = negotiation.configuration.pskStore,
            let key = store.key(forIdentity: keyExchange.identity, serverName: negotiation.serverName)
        else {
            throw DTLSError(.unknownPSKIdentity, "no key for the identity the client sent")
        }
        negotiation.transcript.append(message)
        let secrets = SessionSecrets(
            premasterSecret: KeySchedule.pskPremasterSecret(psk: key),
            clientRandom: negotiation.clientRandom,
            serverRandom: negotiation.serverRandom,
            extendedMasterSecret: negotiation.extendedMasterSecret,
            sessionHash: negotiation.transcript.currentHash,
            algorithm: negotiation.suite.protection
        )
        let next = ServerAwaitingChangeCipherSpec(negotiation: negotiation, secrets: secrets, pskIdentity: keyExchange.identity)
        return (next, [.exportKeyLog(clientRandom: negotiation.clientRandom, masterSecret: secrets.masterSecret)])
    }
}

/// Keys are derived; the client's ChangeCipherSpec switches reading to epoch 1.
struct ServerAwaitingChangeCipherSpec: Sendable {
    let negotiation: ServerNegotiation
    let secrets: SessionSecrets
    let pskIdentity: [UInt8]

    func receiveChangeCipherSpec() -> (ServerAwaitingFinished, [HandshakeAction]) {
        let protection = secrets.keys.protection(for: .client, algorithm: negotiation.suite.protection)
        return (ServerAwaitingFinished(previous: self), [.installReadEpoch(protection)])
    }
}

/// Reading epoch 1; the client's Finished is checked, then flight 6 ends the handshake.
struct ServerAwaitingFinished: Sendable {
    let previous: ServerAwaitingChangeCipherSpec

    func receiveFinished(_ message: HandshakeMessage) throws(DTLSError) -> [HandshakeAction] {
        guard message.epoch == 1 else {
            throw DTLSError(.unexpectedMessage, "Finished arrived unprotected in epoch \(message.epoch)")
        }
        let finished = try decode(Finished.self, message)
        var negotiation = previous.negotiation
        let secrets = previous.secrets
        let expected = KeySchedule.verifyData(
            masterSecret: secrets.masterSecret,
            sender: .client,
            transcriptHash: negotiation.transcript.currentHash
        )
        guard constantTimeEquals(expected, finished.verifyData) else {
            throw DTLSError(.finishedMismatch, "client Finished does not match the transcript")
        }
        negotiation.transcript.append(message)
        let verifyData = KeySchedule.verifyData(
            masterSecret: secrets.masterSecret,
            sender: .server,
            transcriptHash: negotiation.transcript.currentHash
        )
        let serverFinished = negotiation.outgoing.make(.finished, Finished(verifyData: verifyData), epoch: 1)
        let info = DTLSSessionInfo(
            cipherSuite: negotiation.suite.suite,
            extendedMasterSecret: negotiation.extendedMasterSecret,
            pskIdentity: previous.pskIdentity,
            pskIdentityHint: negotiation.configuration.pskIdentityHint,
            serverName: negotiation.serverName,
            sessionID: negotiation.sessionID,
            serverHelloExtensions: negotiation.serverHelloExtensions
        )
        return [
            .installWriteEpoch(secrets.keys.protection(for: .server, algorithm: negotiation.suite.protection)),
            .send(Flight(items: [.changeCipherSpec(epoch: 0), .handshake(serverFinished)], expectsResponse: false)),
            .complete(info),
        ]
    }
}
