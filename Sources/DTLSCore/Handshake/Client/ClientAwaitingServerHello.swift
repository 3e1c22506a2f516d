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
    /// The connection ID offered, if any.
    private let connectionID: [UInt8]?

    /// Builds flight 1.
    static func start(configuration: DTLSConfiguration) -> (ClientAwaitingServerHello, Flight) {
        let suites = configuration.usableSuites(for: .client)
        var extensions = HelloExtensions()
        if let serverName = configuration.serverName {
            extensions.set(ServerNameExtension(hostName: serverName))
        }
        if suites.contains(where: \.keyExchange.usesECDHE) {
            // RFC 7925 §4.4: P-256 with uncompressed points.
            extensions.set(SupportedGroupsExtension(groups: [.secp256r1]))
            extensions.set(ECPointFormatsExtension())
        }
        if suites.contains(where: { $0.keyExchange == .ecdheECDSA }) {
            // RFC 7925 §5: ECDSA with SHA-256.
            extensions.set(SignatureAlgorithmsExtension(schemes: [.ecdsaSecp256r1SHA256]))
            if configuration.certificateCredentials?.certificateType == .rawPublicKey {
                extensions.set(ClientCertificateTypesExtension([.rawPublicKey]))
            }
            if configuration.peerAuthentication?.certificateType == .rawPublicKey {
                extensions.set(ServerCertificateTypesExtension([.rawPublicKey]))
            }
            if !configuration.cachedServerCertificates.isEmpty {
                let objects = configuration.cachedServerCertificates.map { cached in
                    CachedInformationOffer.Object(type: CachedInformationType.certificate, fingerprint: cached.fingerprint)
                }
                extensions.set(CachedInformationOffer(objects: objects))
            }
        }
        RecordSizeNegotiation.offer(configuration, into: &extensions)
        let connectionID = configuration.connectionIDs?.generator.makeConnectionID()
        if let connectionID, let codePoint = configuration.connectionIDs?.codePoint {
            extensions.setConnectionID(ConnectionIDExtension(connectionID), codePoint: codePoint)
        }
        extensions.set(ExtendedMasterSecretExtension())
        // Resumption (RFC 7925 §7): offer the ticket, or the session ID, of the session to resume.
        // With a ticket the session ID is fresh; the server echoes it to signal resumption (RFC 5077 §3.4).
        var sessionID: [UInt8] = []
        if let session = configuration.sessionToResume, let ticket = session.ticket {
            extensions.set(SessionTicketExtension(ticket: ticket))
            sessionID = configuration.randomSource.bytes(32)
        } else {
            if configuration.requestsTickets { extensions.set(SessionTicketExtension()) }
            sessionID = configuration.sessionToResume?.sessionID ?? []
        }
        let hello = ClientHello(
            random: configuration.randomSource.bytes(ClientHello.randomLength),
            sessionID: sessionID,
            // RFC 5746 §3.3: secure renegotiation is signalled with the SCSV, 3 bytes shorter than
            // an empty renegotiation_info extension (the server answers with the extension).
            cipherSuites: suites.map(\.suite) + [.emptyRenegotiationInfoSCSV],
            extensions: extensions
        )
        var outgoing = OutgoingMessages(nextSequence: 0)
        let message = outgoing.make(.clientHello, hello)
        let state = ClientAwaitingServerHello(
            configuration: configuration,
            hello: hello,
            sentHello: message,
            outgoing: outgoing,
            connectionID: connectionID
        )
        return (state, Flight(items: [.handshake(message)], expectsResponse: true))
    }

    private init(
        configuration: DTLSConfiguration,
        hello: ClientHello,
        sentHello: HandshakeMessage,
        outgoing: OutgoingMessages,
        connectionID: [UInt8]?
    ) {
        self.configuration = configuration
        self.hello = hello
        self.sentHello = sentHello
        self.outgoing = outgoing
        self.connectionID = connectionID
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

    /// The first state of flight 4, by key exchange, or of an abbreviated handshake.
    enum Next {
        case psk(ClientAwaitingPSKKeyExchange)
        case ecdhe(ClientAwaitingServerCertificate)
        case ecdhePSK(ClientAwaitingECDHEPSKKeyExchange)
        case resumed(ClientAwaitingResumedChangeCipherSpec)
    }

    /// Flight 4 begins: check the server's choices against the offer.
    func receiveServerHello(_ message: HandshakeMessage) throws(DTLSError) -> Next {
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
        // renegotiation_info is the answer to the SCSV (RFC 5746 §3.6); anything else must have been offered.
        for type in serverHello.extensions.types where !hello.extensions.contains(type) && type != .renegotiationInfo {
            throw DTLSError(.unsupportedExtension, "server sent \(type), which was not offered")
        }
        let extensions = serverHello.extensions
        if let renegotiation = try decode(extensions, RenegotiationInfoExtension.self), !renegotiation.renegotiatedConnection.isEmpty {
            throw DTLSError(.handshakeFailure, "non-empty renegotiation_info on an initial handshake")
        }
        if extensions.contains(.serverName) { _ = try decode(extensions, ServerNameAcknowledgement.self) }
        if let formats = try decode(extensions, ECPointFormatsExtension.self), !formats.formats.contains(ECPointFormatsExtension.uncompressed) {
            throw DTLSError(.illegalParameter, "server does not accept uncompressed points")
        }
        let extendedMasterSecret = try decode(extensions, ExtendedMasterSecretExtension.self) != nil
        if !extendedMasterSecret && configuration.extendedMasterSecret == .required {
            throw DTLSError(.handshakeFailure, "server does not support extended master secret")
        }
        let serverCertificateType = try decode(extensions, ServerCertificateTypeSelection.self)?.selected.type ?? .x509
        let clientCertificateType = try decode(extensions, ClientCertificateTypeSelection.self)?.selected.type ?? .x509
        let resumes = configuration.sessionToResume != nil && !serverHello.sessionID.isEmpty && serverHello.sessionID == hello.sessionID
        // Certificate types only matter when certificates are exchanged, i.e. not on resumption.
        if suite.keyExchange == .ecdheECDSA && !resumes {
            guard serverCertificateType == configuration.peerAuthentication?.certificateType else {
                throw DTLSError(.unsupportedCertificate, "server presents a \(serverCertificateType), which was not offered")
            }
            if extensions.contains(.clientCertificateType), clientCertificateType != configuration.certificateCredentials?.certificateType {
                throw DTLSError(.illegalParameter, "server selected a client certificate type that was not offered")
            }
        }

        let serverUsesCachedCertificate = try Self.acceptsCachedCertificate(extensions, resumes: resumes, keyExchange: suite.keyExchange)
        let expectsTicket = try decode(extensions, SessionTicketExtension.self) != nil
        let recordSizeLimits = try RecordSizeNegotiation.accept(extensions, configuration: configuration)
        var connectionIDs: NegotiatedConnectionIDs?
        if let connectionID, let codePoint = configuration.connectionIDs?.codePoint, let answer = try extensions.connectionID(codePoint) {
            connectionIDs = NegotiatedConnectionIDs(sending: answer.connectionID, receiving: connectionID, codePoint: codePoint)
        }

        var transcript = Transcript()
        transcript.append(sentHello)
        transcript.append(message)
        let negotiation = ClientNegotiation(
            configuration: configuration,
            clientRandom: hello.random,
            serverRandom: serverHello.random,
            suite: suite,
            extendedMasterSecret: extendedMasterSecret,
            sessionID: serverHello.sessionID,
            serverHelloExtensions: extensions.types,
            serverCertificateType: serverCertificateType,
            clientCertificateType: clientCertificateType,
            serverUsesCachedCertificate: serverUsesCachedCertificate,
            expectsTicket: expectsTicket,
            connectionIDs: connectionIDs,
            recordSizeLimits: recordSizeLimits,
            transcript: transcript,
            outgoing: outgoing
        )
        if resumes, let session = configuration.sessionToResume {
            return .resumed(try ClientAwaitingResumedChangeCipherSpec.resume(session, negotiation: negotiation))
        }
        switch suite.keyExchange {
        case .psk: return .psk(ClientAwaitingPSKKeyExchange(negotiation: negotiation))
        case .ecdheECDSA: return .ecdhe(ClientAwaitingServerCertificate(negotiation: negotiation))
        case .ecdhePSK: return .ecdhePSK(ClientAwaitingECDHEPSKKeyExchange(negotiation: negotiation))
        }
    }

    /// Whether the server's cached_info answer (RFC 7924 §4) says its Certificate will carry only
    /// a fingerprint. It may name only what was offered, and only on a full ECDHE_ECDSA handshake.
    private static func acceptsCachedCertificate(_ extensions: HelloExtensions, resumes: Bool, keyExchange: KeyExchangeMethod) throws(DTLSError) -> Bool {
        guard let answer = try decode(extensions, CachedInformationAcceptance.self) else { return false }
        guard answer.types.allSatisfy({ $0 == CachedInformationType.certificate }) else {
            throw DTLSError(.illegalParameter, "server accepted cached_info types that were not offered")
        }
        guard !resumes && keyExchange == .ecdheECDSA else {
            throw DTLSError(.illegalParameter, "server accepted cached_info in a handshake without a Certificate")
        }
        return true
    }
}
