import Crypto
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
    /// The type the client's Certificate uses, when one was requested.
    let clientCertificateType: CertificateType
    /// Whether the server promised a NewSessionTicket in its ServerHello.
    let issuesTicket: Bool
    /// Connection IDs agreed in the hellos (RFC 9146), if any.
    let connectionIDs: NegotiatedConnectionIDs?
    var transcript: Transcript
    var outgoing: OutgoingMessages

    mutating func received(_ message: HandshakeMessage) {
        transcript.append(message)
    }

    /// The session this handshake creates, as the cache or a ticket keeps it.
    func session(masterSecret: [UInt8], pskIdentity: [UInt8]?, peer: DTLSPeerIdentity?) -> DTLSResumableSession {
        DTLSResumableSession(
            cipherSuite: suite.suite,
            extendedMasterSecret: extendedMasterSecret,
            sessionID: sessionID,
            ticket: nil,
            pskIdentity: pskIdentity,
            peerSubjectPublicKeyInfo: peer?.subjectPublicKeyInfo,
            createdAt: configuration.sessionTickets?.wallClock() ?? 0,
            masterSecret: masterSecret
        )
    }

    mutating func send(_ type: HandshakeType, _ body: some WireEncodable, epoch: UInt16 = 0) -> HandshakeMessage {
        let message = outgoing.make(type, body, epoch: epoch)
        transcript.append(message)
        return message
    }

    /// How the server completes the key exchange when the ClientKeyExchange arrives.
    enum KeyExchangePlan: Sendable {
        case psk
        /// ECDHE with the server's ephemeral key from its ServerKeyExchange.
        case ecdhe(P256.KeyAgreement.PrivateKey)
        /// ECDHE authenticated by a PSK (RFC 5489).
        case ecdhePSK(P256.KeyAgreement.PrivateKey)
    }
}

/// Chooses the server's parameters for a ClientHello and builds flight 4.
enum ServerHelloResponder {
    /// The state after flight 4: the client's Certificate first if one was requested; or, for
    /// an abbreviated handshake, the client's ChangeCipherSpec.
    enum Next {
        case clientCertificate(ServerAwaitingClientCertificate)
        case clientKeyExchange(ServerAwaitingClientKeyExchange)
        case resumed(ServerAwaitingResumedChangeCipherSpec)
    }

    static func respond(
        to hello: ClientHello,
        message: HandshakeMessage,
        configuration: DTLSConfiguration,
        resumption: DTLSResumableSession?
    ) throws(DTLSError) -> (Next, [HandshakeAction]) {
        // DTLS versions count down: anything numerically above 1.2 is older (RFC 7925 §18).
        guard hello.clientVersion.rawValue <= ProtocolVersion.dtls12.rawValue else {
            throw DTLSError(.protocolVersion, "client offers only \(hello.clientVersion)")
        }
        guard hello.compressionMethods.contains(0) else {
            throw DTLSError(.illegalParameter, "client does not offer null compression")
        }
        let offered = hello.extensions
        let renegotiation = try decode(offered, RenegotiationInfoExtension.self)
        if let renegotiation, !renegotiation.renegotiatedConnection.isEmpty {
            throw DTLSError(.handshakeFailure, "non-empty renegotiation_info on an initial handshake")
        }
        let signalsSecureRenegotiation = renegotiation != nil || hello.cipherSuites.contains(.emptyRenegotiationInfoSCSV)
        let extendedMasterSecret = try decode(offered, ExtendedMasterSecretExtension.self) != nil
        if !extendedMasterSecret && configuration.extendedMasterSecret == .required {
            throw DTLSError(.handshakeFailure, "client does not support extended master secret")
        }
        let serverName = try decode(offered, ServerNameExtension.self)?.hostName
        let issuesTicket = configuration.sessionTickets != nil && offered.contains(.sessionTicket)
        let connectionIDs = try ConnectionIDAnswer.negotiate(hello, configuration: configuration)
        if let session = resumption,
            let resumed = try ServerResumption.respond(
                to: hello,
                message: message,
                session: session,
                extendedMasterSecret: extendedMasterSecret,
                signalsSecureRenegotiation: signalsSecureRenegotiation,
                issuesTicket: issuesTicket,
                connectionIDs: connectionIDs,
                configuration: configuration
            )
        {
            return resumed
        }
        let credentials = configuration.certificateCredentials(forServerName: serverName)
        let (suite, serverCertificateType) = try chooseSuite(for: hello, credentials: credentials, configuration: configuration)
        let clientCertificateType = try clientCertificateRequest(for: hello, suite: suite, configuration: configuration)
        let certificate = try ServerCertificateMessage(suite: suite, credentials: credentials, type: serverCertificateType, offered: offered, configuration: configuration)

        var extensions = HelloExtensions()
        if serverName != nil { extensions.set(ServerNameAcknowledgement()) }
        if extendedMasterSecret { extensions.set(ExtendedMasterSecretExtension()) }
        if signalsSecureRenegotiation { extensions.set(RenegotiationInfoExtension()) }
        if issuesTicket { extensions.set(SessionTicketExtension()) }
        ConnectionIDAnswer.add(connectionIDs, to: &extensions)
        let limits = try RecordSizeNegotiation.answer(offered, configuration: configuration, into: &extensions)
        if suite.keyExchange == .ecdheECDSA {
            if offered.contains(.ecPointFormats) { extensions.set(ECPointFormatsExtension()) }
            if offered.contains(.serverCertificateType) { extensions.set(ServerCertificateTypeSelection(serverCertificateType)) }
            if let clientCertificateType, offered.contains(.clientCertificateType) {
                extensions.set(ClientCertificateTypeSelection(clientCertificateType))
            }
            if certificate?.clientHoldsIt == true {
                extensions.set(CachedInformationAcceptance(types: [CachedInformationType.certificate]))
            }
        }
        // A session ID makes the session resumable from the cache (RFC 5246 §7.4.1.3).
        let serverHello = ServerHello(
            random: configuration.randomSource.bytes(ClientHello.randomLength),
            sessionID: configuration.sessionCache != nil ? configuration.randomSource.bytes(32) : [],
            cipherSuite: suite.suite,
            extensions: extensions
        )

        // The server numbers its messages from the accepted ClientHello's message_seq (RFC 6347 §4.2.2).
        var negotiation = ServerNegotiation(
            configuration: configuration,
            clientRandom: hello.random,
            serverRandom: serverHello.random,
            suite: suite,
            extendedMasterSecret: extendedMasterSecret,
            serverName: serverName,
            sessionID: serverHello.sessionID,
            serverHelloExtensions: extensions.types,
            clientCertificateType: clientCertificateType ?? .x509,
            issuesTicket: issuesTicket,
            connectionIDs: connectionIDs,
            transcript: Transcript(),
            outgoing: OutgoingMessages(nextSequence: message.sequence)
        )
        negotiation.received(message)
        var items: [Flight.Item] = [.handshake(negotiation.send(.serverHello, serverHello))]
        let plan: ServerNegotiation.KeyExchangePlan
        switch suite.keyExchange {
        case .psk:
            if let hint = configuration.pskIdentityHint {
                items.append(.handshake(negotiation.send(.serverKeyExchange, PSKServerKeyExchange(identityHint: hint))))
            }
            plan = .psk
        case .ecdhePSK:
            let keyShare = configuration.keyShares.makeKeyShare()
            let parameters = ServerECDHParameters(group: .secp256r1, publicPoint: ECDHE.publicPoint(of: keyShare))
            let keyExchange = ECDHEPSKServerKeyExchange(identityHint: configuration.pskIdentityHint ?? [], parameters: parameters)
            items.append(.handshake(negotiation.send(.serverKeyExchange, keyExchange)))
            plan = .ecdhePSK(keyShare)
        case .ecdheECDSA:
            guard let credentials, let certificate else {
                throw DTLSError(.internalError, "ECDHE suite chosen without certificate credentials")
            }
            items.append(.handshake(negotiation.send(.certificate, certificate.wireForm)))
            let keyShare = configuration.keyShares.makeKeyShare()
            let parameters = ServerECDHParameters(group: .secp256r1, publicPoint: ECDHE.publicPoint(of: keyShare))
            let signed = ECDHEServerKeyExchange.signedContent(
                clientRandom: hello.random,
                serverRandom: serverHello.random,
                parameters: parameters
            )
            let keyExchange = ECDHEServerKeyExchange(
                parameters: parameters,
                signatureScheme: .ecdsaSecp256r1SHA256,
                signature: try ECDSA.sign(signed, with: credentials.privateKey)
            )
            items.append(.handshake(negotiation.send(.serverKeyExchange, keyExchange)))
            if clientCertificateType != nil {
                let request = CertificateRequest(certificateTypes: [CertificateRequest.ecdsaSign], signatureSchemes: [.ecdsaSecp256r1SHA256])
                items.append(.handshake(negotiation.send(.certificateRequest, request)))
            }
            plan = .ecdhe(keyShare)
        }
        items.append(.handshake(negotiation.send(.serverHelloDone, ServerHelloDone())))

        let next: Next =
            clientCertificateType != nil
            ? .clientCertificate(ServerAwaitingClientCertificate(negotiation: negotiation, plan: plan))
            : .clientKeyExchange(ServerAwaitingClientKeyExchange(negotiation: negotiation, plan: plan, peer: nil))
        return (next, ConnectionIDAnswer.actions(connectionIDs, limits) + [.send(Flight(items: items, expectsResponse: true))])
    }

    /// The first suite in the client's order that the server can serve, and for ECDHE the type
    /// its Certificate will use (RFC 7250 §4).
    private static func chooseSuite(
        for hello: ClientHello,
        credentials: CertificateCredentials?,
        configuration: DTLSConfiguration
    ) throws(DTLSError) -> (CipherSuiteParameters, CertificateType) {
        let usable = configuration.usableSuites(for: .server)
        let offered = hello.extensions
        let ownType = credentials?.certificateType ?? .x509
        let serverTypes = try decode(offered, ServerCertificateTypesExtension.self)?.offered.types ?? [.x509]
        let groups = try decode(offered, SupportedGroupsExtension.self)?.groups ?? [.secp256r1]
        let formats = try decode(offered, ECPointFormatsExtension.self)?.formats ?? [ECPointFormatsExtension.uncompressed]
        // Without signature_algorithms TLS 1.2 implies SHA-1, which the profile does not use (RFC 7925 §5).
        let schemes = try decode(offered, SignatureAlgorithmsExtension.self)?.schemes ?? []
        let ecdhUsable = groups.contains(.secp256r1) && formats.contains(ECPointFormatsExtension.uncompressed)
        let ecdheUsable = ecdhUsable && schemes.contains(.ecdsaSecp256r1SHA256)

        var certificateTypeMismatch = false
        for suite in hello.cipherSuites {
            guard let parameters = usable.first(where: { $0.suite == suite }) else { continue }
            switch parameters.keyExchange {
            case .psk:
                return (parameters, .x509)
            case .ecdhePSK:
                guard ecdhUsable else { continue }
                return (parameters, .x509)
            case .ecdheECDSA:
                guard ecdheUsable, credentials != nil else { continue }
                guard serverTypes.contains(ownType) else {
                    certificateTypeMismatch = true
                    continue
                }
                return (parameters, ownType)
            }
        }
        if certificateTypeMismatch {
            throw DTLSError(.unsupportedCertificate, "the client accepts no certificate type the server has (RFC 7250)")
        }
        throw DTLSError(.handshakeFailure, "no cipher suite in common")
    }

    /// The type in which to request the client's certificate, or nil for no request.
    private static func clientCertificateRequest(
        for hello: ClientHello,
        suite: CipherSuiteParameters,
        configuration: DTLSConfiguration
    ) throws(DTLSError) -> CertificateType? {
        guard suite.keyExchange == .ecdheECDSA, configuration.clientAuthentication != .none,
            let wanted = configuration.peerAuthentication?.certificateType
        else { return nil }
        let clientTypes = try decode(hello.extensions, ClientCertificateTypesExtension.self)?.offered.types ?? [.x509]
        if clientTypes.contains(wanted) { return wanted }
        if configuration.clientAuthentication == .required {
            throw DTLSError(.unsupportedCertificate, "the client cannot present a \(wanted) (RFC 7250)")
        }
        return nil
    }
}
