import Crypto
import NIOCore

/// What the client knows once the ServerHello is accepted; carried through the later states.
struct ClientNegotiation: Sendable {
    let configuration: DTLSConfiguration
    let clientRandom: [UInt8]
    let serverRandom: [UInt8]
    let suite: CipherSuiteParameters
    let extendedMasterSecret: Bool
    let sessionID: [UInt8]
    let serverHelloExtensions: [ExtensionType]
    /// The certificate types the ServerHello settled (X.509 unless negotiated otherwise).
    let serverCertificateType: CertificateType
    let clientCertificateType: CertificateType
    /// Whether the server's Certificate will be a fingerprint of one in the client's cache (RFC 7924).
    let serverUsesCachedCertificate: Bool
    /// Whether the ServerHello promised a NewSessionTicket (RFC 5077 §3.2).
    let expectsTicket: Bool
    /// Connection IDs agreed in the hellos (RFC 9146), if any.
    let connectionIDs: NegotiatedConnectionIDs?
    /// Record size limits agreed in the hellos, if any.
    let recordSizeLimits: RecordSizeLimits?
    var transcript: Transcript
    var outgoing: OutgoingMessages
    /// The server's Certificate message once received (or recognised from the cache).
    var serverCertificate: DTLSCachedCertificate?

    /// The session a later handshake can resume, when the server offered a way to do so.
    func resumableSession(masterSecret: [UInt8], ticket: [UInt8]?, pskIdentity: [UInt8]?, peer: DTLSPeerIdentity?) -> DTLSResumableSession? {
        guard !sessionID.isEmpty || ticket != nil else { return nil }
        return DTLSResumableSession(
            cipherSuite: suite.suite,
            extendedMasterSecret: extendedMasterSecret,
            sessionID: sessionID,
            ticket: ticket,
            pskIdentity: pskIdentity,
            peerSubjectPublicKeyInfo: peer?.subjectPublicKeyInfo,
            createdAt: 0,
            masterSecret: masterSecret
        )
    }

    /// What the connection must apply as soon as the ServerHello is accepted.
    var helloActions: [HandshakeAction] {
        var actions: [HandshakeAction] = []
        if let connectionIDs { actions.append(.useConnectionIDs(connectionIDs)) }
        if let recordSizeLimits { actions.append(.limitRecordSizes(recordSizeLimits)) }
        return actions
    }

    /// Records a received message in the transcript.
    mutating func received(_ message: HandshakeMessage) {
        transcript.append(message)
    }

    /// Numbers and records an outgoing message.
    mutating func send(_ type: HandshakeType, _ body: some WireEncodable, epoch: UInt16 = 0) -> HandshakeMessage {
        let message = outgoing.make(type, body, epoch: epoch)
        transcript.append(message)
        return message
    }

    /// How the client completes the key exchange once flight 4 is in.
    enum KeyExchangePlan: Sendable {
        /// Plain PSK, with the hint the server sent, if any.
        case psk(identityHint: [UInt8]?)
        /// ECDHE with the server's point; `certificateRequest` if the server asked for ours.
        case ecdhe(serverKey: P256.KeyAgreement.PublicKey, certificateRequest: CertificateRequest?)
        /// ECDHE authenticated by the PSK (RFC 5489).
        case ecdhePSK(serverKey: P256.KeyAgreement.PublicKey, identityHint: [UInt8])
    }

    /// Builds flight 5 (RFC 6347 §4.2.4): [Certificate], ClientKeyExchange, [CertificateVerify],
    /// ChangeCipherSpec, Finished; derives the session's keys on the way.
    mutating func flightFive(plan: KeyExchangePlan, peer: DTLSPeerIdentity?) throws(DTLSError) -> (ClientAwaitingChangeCipherSpec, [HandshakeAction]) {
        var items: [Flight.Item] = []
        let premasterSecret: [UInt8]
        var pskIdentity: [UInt8]?
        var identityHint: [UInt8]?
        var signingKey: P256.Signing.PrivateKey?

        switch plan {
        case .psk(let hint):
            guard let credentials = configuration.pskCredentials else {
                throw DTLSError(.internalError, "PSK suite negotiated without PSK credentials")
            }
            items.append(.handshake(send(.clientKeyExchange, PSKClientKeyExchange(identity: credentials.identity))))
            premasterSecret = KeySchedule.pskPremasterSecret(psk: credentials.key)
            pskIdentity = credentials.identity
            identityHint = hint

        case .ecdhePSK(let serverKey, let hint):
            guard let credentials = configuration.pskCredentials else {
                throw DTLSError(.internalError, "ECDHE_PSK suite negotiated without PSK credentials")
            }
            let keyShare = configuration.keyShares.makeKeyShare()
            let keyExchange = ECDHEPSKClientKeyExchange(identity: credentials.identity, publicPoint: ECDHE.publicPoint(of: keyShare))
            items.append(.handshake(send(.clientKeyExchange, keyExchange)))
            premasterSecret = KeySchedule.ecdhePSKPremasterSecret(
                sharedSecret: try ECDHE.premasterSecret(privateKey: keyShare, peerKey: serverKey),
                psk: credentials.key
            )
            pskIdentity = credentials.identity
            identityHint = hint

        case .ecdhe(let serverKey, let request):
            if let request {
                let credentials = configuration.certificateCredentials.flatMap { credentials in
                    Self.canAnswer(request, with: credentials, as: clientCertificateType) ? credentials : nil
                }
                items.append(.handshake(send(.certificate, CertificateBody.client(credentials, type: clientCertificateType))))
                signingKey = credentials?.privateKey
            }
            let keyShare = configuration.keyShares.makeKeyShare()
            items.append(.handshake(send(.clientKeyExchange, ECDHEClientKeyExchange(publicPoint: ECDHE.publicPoint(of: keyShare)))))
            premasterSecret = try ECDHE.premasterSecret(privateKey: keyShare, peerKey: serverKey)
        }

        let secrets = SessionSecrets(
            premasterSecret: premasterSecret,
            clientRandom: clientRandom,
            serverRandom: serverRandom,
            extendedMasterSecret: extendedMasterSecret,
            sessionHash: transcript.currentHash,
            algorithm: suite.protection
        )
        if let signingKey {
            let signature = try ECDSA.sign(digest: transcript.currentDigest, with: signingKey)
            items.append(.handshake(send(.certificateVerify, CertificateVerify(signatureScheme: .ecdsaSecp256r1SHA256, signature: signature))))
        }
        let verifyData = secrets.verifyData(sender: .client, transcriptHash: transcript.currentHash)
        items.append(.changeCipherSpec(epoch: 0))
        items.append(.handshake(send(.finished, Finished(verifyData: verifyData), epoch: 1)))

        let next = ClientAwaitingChangeCipherSpec(
            negotiation: self,
            secrets: secrets,
            pskIdentity: pskIdentity,
            identityHint: identityHint,
            peer: peer,
            authenticatedToServer: signingKey != nil
        )
        return (
            next,
            [
                .exportKeyLog(clientRandom: clientRandom, masterSecret: secrets.masterSecret),
                .installWriteEpoch(secrets.keys.protection(for: .client, algorithm: suite.protection)),
                .send(Flight(items: items, expectsResponse: true)),
            ]
        )
    }

    /// Whether `credentials` satisfy a CertificateRequest under the negotiated type.
    private static func canAnswer(_ request: CertificateRequest, with credentials: CertificateCredentials, as type: CertificateType) -> Bool {
        credentials.certificateType == type
            && request.certificateTypes.contains(CertificateRequest.ecdsaSign)
            && request.signatureSchemes.contains(.ecdsaSecp256r1SHA256)
    }
}

/// Encodes this endpoint's Certificate message for the negotiated certificate type.
enum CertificateBody {
    /// A client's Certificate: its credentials, or an empty list when it has none to offer.
    static func client(_ credentials: CertificateCredentials?, type: CertificateType) -> any WireEncodable {
        guard let credentials else { return X509CertificateMessage(certificates: []) }
        return own(credentials, type: type)
    }

    /// A Certificate carrying `credentials` in the form `type` requires.
    static func own(_ credentials: CertificateCredentials, type: CertificateType) -> any WireEncodable {
        switch credentials.presentation {
        case .x509(let chain) where type == .x509:
            return X509CertificateMessage(certificates: chain)
        default:
            return RawPublicKeyCertificateMessage(subjectPublicKeyInfo: credentials.subjectPublicKeyInfo)
        }
    }
}
