import Crypto
import NIOCore

/// ECDHE_ECDSA: after ServerHello the server's Certificate must follow.
struct ClientAwaitingServerCertificate: Sendable {
    let negotiation: ClientNegotiation

    /// What the Certificate led to.
    enum Next {
        /// A raw public key, already checked against the pins.
        case keyExchange(ClientAwaitingECDHEKeyExchange)
        /// An X.509 chain: the handshake waits for the verifier.
        case verification(ClientAwaitingCertificateVerdict, DTLSPeerVerificationRequest)
    }

    func receiveCertificate(_ message: HandshakeMessage) throws(DTLSError) -> Next {
        var negotiation = negotiation
        guard let authentication = negotiation.configuration.peerAuthentication else {
            throw DTLSError(.internalError, "ECDHE suite negotiated without peer authentication")
        }
        let presented = try presentedCertificate(in: message)
        negotiation.received(message)
        negotiation.serverCertificate = DTLSCachedCertificate(message: Array(buffer: presented.body))
        switch negotiation.serverCertificateType {
        case .rawPublicKey:
            let certificate = try decode(RawPublicKeyCertificateMessage.self, presented)
            let (identity, key) = try PeerKeys.trustedRawPublicKey(certificate.subjectPublicKeyInfo, by: authentication)
            return .keyExchange(ClientAwaitingECDHEKeyExchange(negotiation: negotiation, peerKey: key, peer: identity))
        default:
            let certificate = try decode(X509CertificateMessage.self, presented)
            guard !certificate.certificates.isEmpty else {
                throw DTLSError(.badCertificate, "server sent an empty certificate chain")
            }
            guard case .certificates(let verifier) = authentication else {
                throw DTLSError(.unsupportedCertificate, "server sent X.509 certificates; raw public keys were expected")
            }
            let request = DTLSPeerVerificationRequest(
                certificateChain: certificate.certificates,
                peerRole: .server,
                expectedServerName: negotiation.configuration.serverName,
                verifier: verifier
            )
            return .verification(ClientAwaitingCertificateVerdict(negotiation: negotiation), request)
        }
    }

    /// The Certificate to judge: the message itself, or, when the server answered cached_info,
    /// the cached message its fingerprint names (RFC 7924 §4.1).
    private func presentedCertificate(in message: HandshakeMessage) throws(DTLSError) -> HandshakeMessage {
        guard negotiation.serverUsesCachedCertificate else { return message }
        let reference = try decode(CachedCertificateMessage.self, message)
        guard let cached = negotiation.configuration.cachedServerCertificates.first(where: { $0.fingerprint == reference.fingerprint }) else {
            throw DTLSError(.illegalParameter, "server referred to a cached certificate this client did not offer")
        }
        var presented = message
        presented.body = ByteBuffer(bytes: cached.message)
        return presented
    }
}

/// The server's chain is with the verifier; later messages wait.
struct ClientAwaitingCertificateVerdict: Sendable {
    let negotiation: ClientNegotiation

    func receive(_ verdict: DTLSPeerVerdict) throws(DTLSError) -> ClientAwaitingECDHEKeyExchange {
        let identity = try PeerKeys.accept(verdict)
        return ClientAwaitingECDHEKeyExchange(negotiation: negotiation, peerKey: try PeerKeys.signingKey(of: identity), peer: identity)
    }
}

/// The server is authenticated; its signed ECDHE parameters come next.
struct ClientAwaitingECDHEKeyExchange: Sendable {
    let negotiation: ClientNegotiation
    let peerKey: P256.Signing.PublicKey
    let peer: DTLSPeerIdentity

    func receiveServerKeyExchange(_ message: HandshakeMessage) throws(DTLSError) -> ClientAwaitingCertificateRequest {
        let keyExchange = try decode(ECDHEServerKeyExchange.self, message)
        guard keyExchange.parameters.group == .secp256r1 else {
            throw DTLSError(.illegalParameter, "server chose curve \(keyExchange.parameters.group)")
        }
        guard keyExchange.signatureScheme == .ecdsaSecp256r1SHA256 else {
            throw DTLSError(.illegalParameter, "server signed with \(keyExchange.signatureScheme)")
        }
        let signed = ECDHEServerKeyExchange.signedContent(
            clientRandom: negotiation.clientRandom,
            serverRandom: negotiation.serverRandom,
            parameters: keyExchange.parameters
        )
        guard ECDSA.isValid(keyExchange.signature, of: signed, by: peerKey) else {
            throw DTLSError(.badSignature, "ServerKeyExchange signature does not verify with the server's key")
        }
        let serverKey = try ECDHE.peerKey(point: keyExchange.parameters.publicPoint)
        var negotiation = negotiation
        negotiation.received(message)
        return ClientAwaitingCertificateRequest(negotiation: negotiation, serverKey: serverKey, peer: peer)
    }
}

/// After ServerKeyExchange: an optional CertificateRequest, then ServerHelloDone.
struct ClientAwaitingCertificateRequest: Sendable {
    let negotiation: ClientNegotiation
    let serverKey: P256.KeyAgreement.PublicKey
    let peer: DTLSPeerIdentity

    func receiveCertificateRequest(_ message: HandshakeMessage) throws(DTLSError) -> ClientAwaitingServerHelloDone {
        let request = try decode(CertificateRequest.self, message)
        var negotiation = negotiation
        negotiation.received(message)
        return ClientAwaitingServerHelloDone(negotiation: negotiation, plan: .ecdhe(serverKey: serverKey, certificateRequest: request), peer: peer)
    }

    func receiveServerHelloDone(_ message: HandshakeMessage) throws(DTLSError) -> (ClientAwaitingChangeCipherSpec, [HandshakeAction]) {
        try ClientAwaitingServerHelloDone(negotiation: negotiation, plan: .ecdhe(serverKey: serverKey, certificateRequest: nil), peer: peer)
            .receiveServerHelloDone(message)
    }
}

/// Turning what the peer presented into a trusted signing key; shared by both roles.
enum PeerKeys {
    /// Checks a raw public key against the policy (RFC 7250); returns the peer and its key.
    static func trustedRawPublicKey(
        _ subjectPublicKeyInfo: [UInt8],
        by authentication: PeerAuthentication
    ) throws(DTLSError) -> (identity: DTLSPeerIdentity, key: P256.Signing.PublicKey) {
        guard let key = ECDSA.publicKey(subjectPublicKeyInfo: subjectPublicKeyInfo) else {
            throw DTLSError(.illegalParameter, "raw public key is not a P-256 SubjectPublicKeyInfo")
        }
        guard authentication.trusts(rawPublicKey: subjectPublicKeyInfo) else {
            throw DTLSError(.untrustedPeerKey, "the peer's raw public key is not trusted")
        }
        return (DTLSPeerIdentity(subjectPublicKeyInfo: subjectPublicKeyInfo), key)
    }

    /// The identity a verifier accepted, or the error its rejection maps to.
    static func accept(_ verdict: DTLSPeerVerdict) throws(DTLSError) -> DTLSPeerIdentity {
        switch verdict {
        case .trusted(let identity): return identity
        case .rejected(let rejection, let reason): throw DTLSError(rejection.errorCode, reason)
        }
    }

    /// The P-256 key the peer signs with.
    static func signingKey(of identity: DTLSPeerIdentity) throws(DTLSError) -> P256.Signing.PublicKey {
        guard let key = ECDSA.publicKey(subjectPublicKeyInfo: identity.subjectPublicKeyInfo) else {
            throw DTLSError(.unsupportedCertificate, "the peer's key is not a P-256 key")
        }
        return key
    }
}
