import Crypto

/// This endpoint's identity for ECDHE_ECDSA suites: a P-256 key, presented either as an X.509
/// chain or as a raw public key (RFC 7250).
public struct CertificateCredentials: Sendable {
    /// How the key is presented to the peer.
    public enum Presentation: Sendable, Hashable {
        /// A DER certificate chain, leaf first; the leaf certifies ``CertificateCredentials/privateKey``.
        case x509(chain: [[UInt8]])
        /// The bare SubjectPublicKeyInfo of the key.
        case rawPublicKey
    }

    public var presentation: Presentation
    public var privateKey: P256.Signing.PrivateKey {
        didSet { subjectPublicKeyInfo = Array(privateKey.publicKey.derRepresentation) }
    }
    /// The DER SubjectPublicKeyInfo of ``privateKey``, encoded once rather than per handshake.
    public private(set) var subjectPublicKeyInfo: [UInt8]

    private init(presentation: Presentation, privateKey: P256.Signing.PrivateKey) {
        self.presentation = presentation
        self.privateKey = privateKey
        subjectPublicKeyInfo = Array(privateKey.publicKey.derRepresentation)
    }

    /// Credentials presented as an X.509 chain (DER, leaf first).
    public static func x509(chain: [[UInt8]], privateKey: P256.Signing.PrivateKey) -> CertificateCredentials {
        CertificateCredentials(presentation: .x509(chain: chain), privateKey: privateKey)
    }

    /// Credentials presented as a raw public key.
    public static func rawPublicKey(_ privateKey: P256.Signing.PrivateKey) -> CertificateCredentials {
        CertificateCredentials(presentation: .rawPublicKey, privateKey: privateKey)
    }

    /// The certificate type these credentials are sent as.
    public var certificateType: CertificateType {
        switch presentation {
        case .x509: .x509
        case .rawPublicKey: .rawPublicKey
        }
    }
}

/// How the peer's certificate or raw public key is judged.
public enum PeerAuthentication: Sendable {
    /// Raw public keys (RFC 7250): the peer's DER SubjectPublicKeyInfo must be one of these.
    case pinnedRawPublicKeys([[UInt8]])
    /// Raw public keys judged by a function of the peer's DER SubjectPublicKeyInfo.
    case rawPublicKeys(@Sendable ([UInt8]) -> Bool)
    /// X.509 chains judged by `verifier`, which the connection's driver calls (see
    /// ``DTLSEvent/verifyPeer(_:)``).
    case certificates(any DTLSCertificateVerifier)

    /// The certificate type this policy expects from the peer.
    var certificateType: CertificateType {
        switch self {
        case .pinnedRawPublicKeys, .rawPublicKeys: .rawPublicKey
        case .certificates: .x509
        }
    }

    /// For raw public keys: whether `subjectPublicKeyInfo` is trusted.
    func trusts(rawPublicKey subjectPublicKeyInfo: [UInt8]) -> Bool {
        switch self {
        case .pinnedRawPublicKeys(let pinned): pinned.contains { constantTimeEquals($0, subjectPublicKeyInfo) }
        case .rawPublicKeys(let decide): decide(subjectPublicKeyInfo)
        case .certificates: false
        }
    }
}

/// Whether a server asks the client for a certificate (RFC 5246 §7.4.4).
public enum ClientAuthenticationPolicy: Sendable, Hashable {
    /// Never ask.
    case none
    /// Ask; continue without client authentication if the client sends no certificate.
    case optional
    /// Ask; fail with `handshake_failure` if the client sends no certificate.
    case required
}

/// Supplies the ephemeral ECDHE key pairs, one per handshake (RFC 7925 §9: never reused).
///
/// Injected so tests and recorded transcripts can fix the keys; production code uses
/// ``FreshKeyShares``.
public protocol DTLSKeyShareSource: Sendable {
    func makeKeyShare() -> P256.KeyAgreement.PrivateKey
}

/// A new random key pair for every handshake.
public struct FreshKeyShares: DTLSKeyShareSource {
    public init() {}
    public func makeKeyShare() -> P256.KeyAgreement.PrivateKey { P256.KeyAgreement.PrivateKey() }
}
