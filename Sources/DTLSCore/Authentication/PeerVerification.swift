/// Decides whether to trust a peer's X.509 certificate chain.
///
/// Verification may be slow or asynchronous (path building, policy checks), so the connection
/// never calls this itself: it emits ``DTLSEvent/verifyPeer(_:)`` and waits for
/// ``DTLSConnection/completePeerVerification(_:now:)``. Drivers such as NIODTLS call
/// ``DTLSPeerVerificationRequest/verify()`` and pass the result back.
public protocol DTLSCertificateVerifier: Sendable {
    func verify(_ request: DTLSPeerVerificationRequest) async -> DTLSPeerVerdict
}

/// A certificate chain waiting for a verdict.
public struct DTLSPeerVerificationRequest: Sendable {
    /// The chain as the peer sent it: DER certificates, the peer's own first.
    public let certificateChain: [[UInt8]]
    /// The role of the peer whose chain this is.
    public let peerRole: Role
    /// For a server's chain: the host name the client expects (its server_name), if any.
    public let expectedServerName: String?
    let verifier: any DTLSCertificateVerifier

    /// Runs the configured verifier.
    public func verify() async -> DTLSPeerVerdict {
        await verifier.verify(self)
    }
}

/// What a verifier decided.
public enum DTLSPeerVerdict: Sendable {
    /// The chain is trusted; the identity it establishes.
    case trusted(DTLSPeerIdentity)
    /// The chain is not trusted, for `reason`.
    case rejected(DTLSCertificateRejection, String)
}

/// Why a chain was rejected; each maps to the alert RFC 5246 §7.2.2 names.
public enum DTLSCertificateRejection: Sendable, Hashable {
    /// Malformed, badly signed, wrong key usage, or the wrong name: `bad_certificate`.
    case badCertificate
    /// A key or signature algorithm outside the profile: `unsupported_certificate`.
    case unsupportedCertificate
    /// Outside its validity period at the verification time: `certificate_expired`.
    case certificateExpired
    /// No path to a trust anchor: `unknown_ca`.
    case unknownCA
    /// Any other reason: `certificate_unknown`.
    case certificateUnknown
}

/// Who the peer proved to be.
public struct DTLSPeerIdentity: Sendable, Hashable {
    /// The peer's public key as a DER SubjectPublicKeyInfo (P-256).
    public var subjectPublicKeyInfo: [UInt8]
    /// The chain the peer sent (DER, leaf first); empty for raw public keys.
    public var certificateChain: [[UInt8]]
    /// The leaf's subject, as text, when a certificate was used.
    public var subject: String?
    /// DNS names from the leaf's subjectAltName.
    public var dnsNames: [String]
    /// An EUI-64 found in the leaf's subject or subjectAltName (RFC 7925 §4.4.2), as 16 hex digits.
    public var eui64: String?

    public init(
        subjectPublicKeyInfo: [UInt8],
        certificateChain: [[UInt8]] = [],
        subject: String? = nil,
        dnsNames: [String] = [],
        eui64: String? = nil
    ) {
        self.subjectPublicKeyInfo = subjectPublicKeyInfo
        self.certificateChain = certificateChain
        self.subject = subject
        self.dnsNames = dnsNames
        self.eui64 = eui64
    }
}

extension DTLSCertificateRejection {
    /// The connection error a rejection becomes.
    var errorCode: DTLSError.Code {
        switch self {
        case .badCertificate: .badCertificate
        case .unsupportedCertificate: .unsupportedCertificate
        case .certificateExpired: .certificateExpired
        case .unknownCA: .unknownCA
        case .certificateUnknown: .certificateUnknown
        }
    }
}
