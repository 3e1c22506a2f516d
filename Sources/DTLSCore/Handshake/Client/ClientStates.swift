import NIOCore

/// Flight 1 or 3 is out; waiting for a HelloVerifyRequest or the ServerHello.
struct ClientAwaitingServerHello: Sendable {
    let configuration: DTLSConfiguration
    /// The hello as last sent; repeated with a cookie after a HelloVerifyRequest.
    private var hello: ClientHello
    /// The same hello as numbered on the wire: the first transcript entry.
    private var sentHello: HandshakeMessage
    private var outgoing: OutgoingMessages
    private var helloVerifyRequests = 0

    /// Builds flight 1.
    static func start(configuration: DTLSConfiguration) -> (ClientAwaitingServerHello, Flight) {
        var extensions = HelloExtensions()
        if let serverName = configuration.serverName {
            extensions.set(ServerNameExtension(hostName: serverName))
        }
        extensions.set(ExtendedMasterSecretExtension())
        extensions.set(RenegotiationInfoExtension())
        let hello = ClientHello(
            random: configuration.randomSource.bytes(ClientHello.randomLength),
            cipherSuites: configuration.cipherSuites.filter { CipherSuiteParameters.lookup($0) != nil },
            extensions: extensions
        )
        var outgoing = OutgoingMessages(nextSequence: 0)
        let message = outgoing.make(.clientHello, hello)
        let state = ClientAwaitingServerHello(configuration: configuration, hello: hello, sentHello: message, outgoing: outgoing)
        return (state, Flight(items: [.handshake(message)], expectsResponse: true))
    }

    private init(configuration: DTLSConfiguration, hello: ClientHello, sentHello: HandshakeMessage, outgoing: OutgoingMessages) {
        self.configuration = configuration
        self.hello = hello
        self.sentHello = sentHello
        self.outgoing = outgoing
    }

    /// Flight 2: repeat the hello with the cookie (RFC 6347 §4.2.1), as flight 3.
    mutating func receiveHelloVerifyRequest(_ message: HandshakeMessage) throws(DTLSError) -> Flight {
        let request = try decode(HelloVerifyRequest.self, message)
        helloVerifyRequests += 1
        guard helloVerifyRequests <= configuration.limits.maximumHelloVerifyRequests else {
            throw DTLSError(.handshakeFailure, "server sent \(helloVerifyRequests) HelloVerifyRequests")
        }
        // server_version is only a formatting hint here; any DTLS version is accepted.
        hello.cookie = request.cookie
        sentHello = outgoing.make(.clientHello, hello)
        return Flight(items: [.handshake(sentHello)], expectsResponse: true)
    }

    /// Flight 4 begins: check the server's choices against the offer.
    func receiveServerHello(_ message: HandshakeMessage) throws(DTLSError) -> ClientAwaitingServerKeyExchange {
        let serverHello = try decode(ServerHello.self, message)
        guard serverHello.serverVersion == .dtls12 else {
            throw DTLSError(.protocolVersion, "server chose \(serverHello.serverVersion)")
        }
        guard hello.cipherSuites.contains(serverHello.cipherSuite), let suite = CipherSuiteParameters.lookup(serverHello.cipherSuite)
        else {
            throw DTLSError(.illegalParameter, "server chose \(serverHello.cipherSuite), which was not offered")
        }
        guard serverHello.compressionMethod == 0 else {
            throw DTLSError(.illegalParameter, "server chose compression method \(serverHello.compressionMethod)")
        }
        for type in serverHello.extensions.types where !hello.extensions.contains(type) {
            throw DTLSError(.unsupportedExtension, "server sent \(type), which was not offered")
        }
        let extensions = serverHello.extensions
        if let renegotiation = try decode(extensions, RenegotiationInfoExtension.self), !renegotiation.renegotiatedConnection.isEmpty {
            throw DTLSError(.handshakeFailure, "non-empty renegotiation_info on an initial handshake")
        }
        if extensions.contains(.serverName) { _ = try decode(extensions, ServerNameAcknowledgement.self) }
        let extendedMasterSecret = try decode(extensions, ExtendedMasterSecretExtension.self) != nil
        if !extendedMasterSecret && configuration.extendedMasterSecret == .required {
            throw DTLSError(.handshakeFailure, "server does not support extended master secret")
        }

        var transcript = Transcript()
        transcript.append(sentHello)
        transcript.append(message)
        let negotiated = ClientNegotiation(
            configuration: configuration,
            clientRandom: hello.random,
            serverRandom: serverHello.random,
            suite: suite,
            extendedMasterSecret: extendedMasterSecret,
            sessionID: serverHello.sessionID,
            serverHelloExtensions: extensions.types,
            transcript: transcript,
            outgoing: outgoing
        )
        return ClientAwaitingServerKeyExchange(negotiation: negotiated)
    }
}

/// What the client knows once the ServerHello is accepted; carried through the later states.
struct ClientNegotiation: Sendable {
    let configuration: DTLSConfiguration
    let clientRandom: [UInt8]
    let serverRandom: [UInt8]
    let suite: CipherSuiteParameters
    let extendedMasterSecret: Bool
    let sessionID: [UInt8]
    let serverHelloExtensions: [ExtensionType]
    var transcript: Transcript
    var outgoing: OutgoingMessages
}

/// PSK: after ServerHello, an optional ServerKeyExchange with an identity hint, then ServerHelloDone.
struct ClientAwaitingServerKeyExchange: Sendable {
    var negotiation: ClientNegotiation

    func receiveServerKeyExchange(_ message: HandshakeMessage) throws(DTLSError) -> ClientAwaitingServerHelloDone {
        let keyExchange = try decode(PSKServerKeyExchange.self, message)
        var negotiation = negotiation
        negotiation.transcript.append(message)
        return ClientAwaitingServerHelloDone(negotiation: negotiation, identityHint: keyExchange.identityHint)
    }

    func receiveServerHelloDone(_ message: HandshakeMessage) throws(DTLSError) -> (ClientAwaitingChangeCipherSpec, [HandshakeAction]) {
        try ClientAwaitingServerHelloDone(negotiation: negotiation, identityHint: nil).receiveServerHelloDone(message)
    }
}

/// PSK: the ServerKeyExchange (hint) arrived; only ServerHelloDone may follow.
struct ClientAwaitingServerHelloDone: Sendable {
    var negotiation: ClientNegotiation
    let identityHint: [UInt8]?

    /// Flight 4 complete: send flight 5 (ClientKeyExchange, ChangeCipherSpec, Finished).
    func receiveServerHelloDone(_ message: HandshakeMessage) throws(DTLSError) -> (ClientAwaitingChangeCipherSpec, [HandshakeAction]) {
        _ = try decode(ServerHelloDone.self, message)
        var negotiation = negotiation
        negotiation.transcript.append(message)
        // configuration.validate guarantees client credentials.
        guard let credentials = negotiation.configuration.pskCredentials else {
            throw DTLSError(.internalError, "client without PSK credentials")
        }

        let keyExchange = negotiation.outgoing.make(.clientKeyExchange, PSKClientKeyExchange(identity: credentials.identity))
        negotiation.transcript.append(keyExchange)
        let secrets = SessionSecrets(
            premasterSecret: KeySchedule.pskPremasterSecret(psk: credentials.key),
            clientRandom: negotiation.clientRandom,
            serverRandom: negotiation.serverRandom,
            extendedMasterSecret: negotiation.extendedMasterSecret,
            sessionHash: negotiation.transcript.currentHash,
            algorithm: negotiation.suite.protection
        )
        let verifyData = KeySchedule.verifyData(
            masterSecret: secrets.masterSecret,
            sender: .client,
            transcriptHash: negotiation.transcript.currentHash
        )
        let finished = negotiation.outgoing.make(.finished, Finished(verifyData: verifyData), epoch: 1)
        negotiation.transcript.append(finished)

        let flight = Flight(items: [.handshake(keyExchange), .changeCipherSpec(epoch: 0), .handshake(finished)], expectsResponse: true)
        let next = ClientAwaitingChangeCipherSpec(
            negotiation: negotiation,
            secrets: secrets,
            pskIdentity: credentials.identity,
            identityHint: identityHint
        )
        return (
            next,
            [
                .exportKeyLog(clientRandom: negotiation.clientRandom, masterSecret: secrets.masterSecret),
                .installWriteEpoch(secrets.keys.protection(for: .client, algorithm: negotiation.suite.protection)),
                .send(flight),
            ]
        )
    }
}

/// Flight 5 is out; the server's ChangeCipherSpec switches reading to epoch 1.
struct ClientAwaitingChangeCipherSpec: Sendable {
    let negotiation: ClientNegotiation
    let secrets: SessionSecrets
    let pskIdentity: [UInt8]
    let identityHint: [UInt8]?

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
        let expected = KeySchedule.verifyData(
            masterSecret: previous.secrets.masterSecret,
            sender: .server,
            transcriptHash: negotiation.transcript.currentHash
        )
        guard constantTimeEquals(expected, finished.verifyData) else {
            throw DTLSError(.finishedMismatch, "server Finished does not match the transcript")
        }
        let info = DTLSSessionInfo(
            cipherSuite: negotiation.suite.suite,
            extendedMasterSecret: negotiation.extendedMasterSecret,
            pskIdentity: previous.pskIdentity,
            pskIdentityHint: previous.identityHint,
            serverName: negotiation.configuration.serverName,
            sessionID: negotiation.sessionID,
            serverHelloExtensions: negotiation.serverHelloExtensions
        )
        return [.complete(info)]
    }
}

/// Decodes a handshake body, turning codec failures into handshake errors.
func decode<T: WireDecodable>(_: T.Type, _ message: HandshakeMessage) throws(DTLSError) -> T {
    do {
        return try message.decode(T.self)
    } catch {
        throw DTLSError.decode(error)
    }
}

/// Decodes one hello extension, turning codec failures into handshake errors.
func decode<T: HelloExtensionBody>(_ extensions: HelloExtensions, _: T.Type) throws(DTLSError) -> T? {
    do {
        return try extensions.get(T.self)
    } catch {
        throw DTLSError.decode(error)
    }
}
