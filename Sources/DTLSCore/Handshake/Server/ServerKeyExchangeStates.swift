import Crypto
import NIOCore

/// A CertificateRequest is out; the client's Certificate comes first in flight 5.
struct ServerAwaitingClientCertificate: Sendable {
    let negotiation: ServerNegotiation
    let plan: ServerNegotiation.KeyExchangePlan

    /// What the client's Certificate led to.
    enum Next {
        case keyExchange(ServerAwaitingClientKeyExchange)
        case verification(ServerAwaitingCertificateVerdict, DTLSPeerVerificationRequest)
    }

    func receiveCertificate(_ message: HandshakeMessage) throws(DTLSError) -> Next {
        var negotiation = negotiation
        let configuration = negotiation.configuration
        guard let authentication = configuration.peerAuthentication else {
            throw DTLSError(.internalError, "client certificate requested without peer authentication")
        }
        // Both formats start with a 3-byte length; zero means the client has no certificate.
        let isEmpty = message.body.readableBytes == 3 && message.body.getBytes(at: message.body.readerIndex, length: 3) == [0, 0, 0]
        if isEmpty {
            guard configuration.clientAuthentication != .required else {
                throw DTLSError(.missingCertificate, "client authentication is required and the client sent no certificate")
            }
            negotiation.received(message)
            return .keyExchange(ServerAwaitingClientKeyExchange(negotiation: negotiation, plan: plan, peer: nil))
        }
        switch negotiation.clientCertificateType {
        case .rawPublicKey:
            let certificate = try decode(RawPublicKeyCertificateMessage.self, message)
            let identity = try PeerKeys.trustedRawPublicKey(certificate.subjectPublicKeyInfo, by: authentication).identity
            negotiation.received(message)
            return .keyExchange(ServerAwaitingClientKeyExchange(negotiation: negotiation, plan: plan, peer: identity))
        default:
            let certificate = try decode(X509CertificateMessage.self, message)
            guard case .certificates(let verifier) = authentication else {
                throw DTLSError(.unsupportedCertificate, "client sent X.509 certificates; raw public keys were expected")
            }
            negotiation.received(message)
            let request = DTLSPeerVerificationRequest(
                certificateChain: certificate.certificates,
                peerRole: .client,
                expectedServerName: nil,
                verifier: verifier
            )
            return .verification(ServerAwaitingCertificateVerdict(negotiation: negotiation, plan: plan), request)
        }
    }
}

/// The client's chain is with the verifier; later messages wait.
struct ServerAwaitingCertificateVerdict: Sendable {
    let negotiation: ServerNegotiation
    let plan: ServerNegotiation.KeyExchangePlan

    func receive(_ verdict: DTLSPeerVerdict) throws(DTLSError) -> ServerAwaitingClientKeyExchange {
        ServerAwaitingClientKeyExchange(negotiation: negotiation, plan: plan, peer: try PeerKeys.accept(verdict))
    }
}

/// Waiting for the client's ClientKeyExchange.
struct ServerAwaitingClientKeyExchange: Sendable {
    let negotiation: ServerNegotiation
    let plan: ServerNegotiation.KeyExchangePlan
    /// The client's authenticated identity, if it sent a certificate.
    let peer: DTLSPeerIdentity?

    /// What the ClientKeyExchange led to.
    enum Next {
        /// The client sent a certificate: its CertificateVerify must follow.
        case certificateVerify(ServerAwaitingCertificateVerify)
        case changeCipherSpec(ServerAwaitingChangeCipherSpec, [HandshakeAction])
    }

    func receiveClientKeyExchange(_ message: HandshakeMessage) throws(DTLSError) -> Next {
        var negotiation = negotiation
        let premasterSecret: [UInt8]
        var pskIdentity: [UInt8]?
        switch plan {
        case .psk:
            let keyExchange = try decode(PSKClientKeyExchange.self, message)
            guard let store = negotiation.configuration.pskStore,
                let key = store.key(forIdentity: keyExchange.identity, serverName: negotiation.serverName)
            else {
                throw DTLSError(.unknownPSKIdentity, "no key for the identity the client sent")
            }
            premasterSecret = KeySchedule.pskPremasterSecret(psk: key)
            pskIdentity = keyExchange.identity
        case .ecdhe(let keyShare):
            let keyExchange = try decode(ECDHEClientKeyExchange.self, message)
            premasterSecret = try ECDHE.premasterSecret(privateKey: keyShare, peerKey: try ECDHE.peerKey(point: keyExchange.publicPoint))
        case .ecdhePSK(let keyShare):
            let keyExchange = try decode(ECDHEPSKClientKeyExchange.self, message)
            guard let store = negotiation.configuration.pskStore,
                let key = store.key(forIdentity: keyExchange.identity, serverName: negotiation.serverName)
            else {
                throw DTLSError(.unknownPSKIdentity, "no key for the identity the client sent")
            }
            let shared = try ECDHE.premasterSecret(privateKey: keyShare, peerKey: try ECDHE.peerKey(point: keyExchange.publicPoint))
            premasterSecret = KeySchedule.ecdhePSKPremasterSecret(sharedSecret: shared, psk: key)
            pskIdentity = keyExchange.identity
        }
        negotiation.received(message)
        let secrets = SessionSecrets(
            premasterSecret: premasterSecret,
            clientRandom: negotiation.clientRandom,
            serverRandom: negotiation.serverRandom,
            extendedMasterSecret: negotiation.extendedMasterSecret,
            sessionHash: negotiation.transcript.currentHash,
            algorithm: negotiation.suite.protection
        )
        let next = ServerAwaitingChangeCipherSpec(negotiation: negotiation, secrets: secrets, pskIdentity: pskIdentity, peer: peer)
        if let peer {
            return .certificateVerify(ServerAwaitingCertificateVerify(next: next, peerKey: try PeerKeys.signingKey(of: peer)))
        }
        return .changeCipherSpec(next, [.exportKeyLog(clientRandom: negotiation.clientRandom, masterSecret: secrets.masterSecret)])
    }
}

/// The client sent a certificate; its CertificateVerify proves it holds the key.
struct ServerAwaitingCertificateVerify: Sendable {
    let next: ServerAwaitingChangeCipherSpec
    let peerKey: P256.Signing.PublicKey

    func receiveCertificateVerify(_ message: HandshakeMessage) throws(DTLSError) -> (ServerAwaitingChangeCipherSpec, [HandshakeAction]) {
        let verify = try decode(CertificateVerify.self, message)
        guard verify.signatureScheme == .ecdsaSecp256r1SHA256 else {
            throw DTLSError(.illegalParameter, "client signed with \(verify.signatureScheme)")
        }
        var negotiation = next.negotiation
        guard ECDSA.isValid(verify.signature, ofDigest: negotiation.transcript.currentDigest, by: peerKey) else {
            throw DTLSError(.badSignature, "CertificateVerify does not verify with the client's key")
        }
        negotiation.received(message)
        let state = ServerAwaitingChangeCipherSpec(negotiation: negotiation, secrets: next.secrets, pskIdentity: nil, peer: next.peer)
        return (state, [.exportKeyLog(clientRandom: negotiation.clientRandom, masterSecret: next.secrets.masterSecret)])
    }
}
