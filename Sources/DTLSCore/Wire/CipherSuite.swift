/// A cipher suite code point (IANA TLS Cipher Suites registry).
///
/// Unknown values round-trip unchanged; which suites this library can negotiate is decided by
/// ``CipherSuiteParameters``.
public struct CipherSuite: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// TLS_PSK_WITH_AES_128_CCM_8 (RFC 6655): the RFC 7925 §4.2 mandatory PSK suite.
    public static let pskWithAES128CCM8 = Self(rawValue: 0xC0A8)
    /// TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 (RFC 7251): the RFC 7925 §4.3/§4.4 mandatory suite.
    public static let ecdheECDSAWithAES128CCM8 = Self(rawValue: 0xC0AE)
    /// TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 (RFC 5289).
    public static let ecdheECDSAWithAES128GCMSHA256 = Self(rawValue: 0xC02B)
    /// TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 (RFC 7905).
    public static let ecdheECDSAWithChaCha20Poly1305SHA256 = Self(rawValue: 0xCCA9)
    /// TLS_ECDHE_PSK_WITH_AES_128_CCM_8_SHA256 (RFC 8442): PSK with forward secrecy.
    public static let ecdhePSKWithAES128CCM8SHA256 = Self(rawValue: 0xD003)
    /// TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256 (RFC 7905).
    public static let ecdhePSKWithChaCha20Poly1305SHA256 = Self(rawValue: 0xCCAC)
    /// TLS_PSK_WITH_CHACHA20_POLY1305_SHA256 (RFC 7905).
    public static let pskWithChaCha20Poly1305SHA256 = Self(rawValue: 0xCCAB)
    /// TLS_EMPTY_RENEGOTIATION_INFO_SCSV (RFC 5746): a signal, not a suite.
    public static let emptyRenegotiationInfoSCSV = Self(rawValue: 0x00FF)

    public var description: String {
        switch self {
        case .pskWithAES128CCM8: "TLS_PSK_WITH_AES_128_CCM_8"
        case .ecdheECDSAWithAES128CCM8: "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8"
        case .ecdheECDSAWithAES128GCMSHA256: "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"
        case .ecdheECDSAWithChaCha20Poly1305SHA256: "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"
        case .ecdhePSKWithAES128CCM8SHA256: "TLS_ECDHE_PSK_WITH_AES_128_CCM_8_SHA256"
        case .ecdhePSKWithChaCha20Poly1305SHA256: "TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256"
        case .pskWithChaCha20Poly1305SHA256: "TLS_PSK_WITH_CHACHA20_POLY1305_SHA256"
        case .emptyRenegotiationInfoSCSV: "TLS_EMPTY_RENEGOTIATION_INFO_SCSV"
        default: "cipher_suite(0x\(String(rawValue, radix: 16, uppercase: true)))"
        }
    }
}
