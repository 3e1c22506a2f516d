/// An elliptic curve or finite-field group for key exchange (RFC 8422 §5.1.1, RFC 7919).
public struct NamedGroup: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// secp256r1 (P-256): the only group this library uses (RFC 7925 §4.4).
    public static let secp256r1 = Self(rawValue: 23)
    public static let secp384r1 = Self(rawValue: 24)
    public static let x25519 = Self(rawValue: 29)

    public var description: String {
        switch self {
        case .secp256r1: "secp256r1"
        case .secp384r1: "secp384r1"
        case .x25519: "x25519"
        default: "group(\(rawValue))"
        }
    }
}

/// A signature algorithm as TLS 1.2 names it: hash and signature (RFC 5246 §7.4.1.4.1).
public struct SignatureScheme: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// ECDSA over P-256 with SHA-256 (`04 03`), required by RFC 7925 §5.
    public static let ecdsaSecp256r1SHA256 = Self(rawValue: 0x0403)

    public var description: String {
        self == .ecdsaSecp256r1SHA256 ? "ecdsa_secp256r1_sha256" : "signature(0x\(String(rawValue, radix: 16)))"
    }
}

/// How a certificate is encoded in the Certificate message (RFC 7250 §3).
public struct CertificateType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let x509 = Self(rawValue: 0)
    /// A bare SubjectPublicKeyInfo (RFC 7250).
    public static let rawPublicKey = Self(rawValue: 2)

    public var description: String {
        switch self {
        case .x509: "X.509"
        case .rawPublicKey: "raw public key"
        default: "certificate_type(\(rawValue))"
        }
    }
}
