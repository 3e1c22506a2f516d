import Crypto

/// How a suite authenticates and agrees on the premaster secret.
enum KeyExchangeMethod: Sendable, Hashable {
    /// Plain pre-shared key (RFC 4279 §2).
    case psk
    /// Ephemeral ECDH on P-256, signed with ECDSA (RFC 8422).
    case ecdheECDSA
    /// Ephemeral ECDH on P-256 authenticated by a pre-shared key (RFC 5489, RFC 8442).
    case ecdhePSK

    /// Whether the suite uses a pre-shared key.
    var usesPSK: Bool { self != .ecdheECDSA }
    /// Whether the suite runs ECDH and so needs supported_groups and ec_point_formats.
    var usesECDHE: Bool { self != .psk }
}

/// How a suite protects records.
enum RecordProtectionAlgorithm: Sendable, Hashable {
    /// AES-CCM with a 12-byte nonce (RFC 6655).
    case aesCCM(keyLength: Int, tagLength: Int)
    /// AES-GCM with a 12-byte nonce and 16-byte tag (RFC 5288).
    case aesGCM(keyLength: Int)
    /// ChaCha20-Poly1305 with a 12-byte write IV and no explicit nonce (RFC 7905).
    case chaCha20Poly1305

    var keyLength: Int {
        switch self {
        case .aesCCM(let keyLength, _), .aesGCM(let keyLength): keyLength
        case .chaCha20Poly1305: 32
        }
    }

    /// Bytes of implicit nonce (`*_write_IV`) taken from the key block.
    var fixedIVLength: Int {
        switch self {
        case .aesCCM, .aesGCM: 4
        case .chaCha20Poly1305: 12
        }
    }

    /// Creates the keyed protection for one epoch and direction.
    func makeProtection(key: [UInt8], fixedIV: [UInt8]) -> any RecordProtection {
        switch self {
        case .aesCCM(_, let tagLength):
            AESCCMRecordProtection(key: SymmetricKey(data: key), salt: fixedIV, tagLength: tagLength)
        case .aesGCM:
            AESGCMRecordProtection(key: SymmetricKey(data: key), salt: fixedIV)
        case .chaCha20Poly1305:
            ChaChaPolyRecordProtection(key: SymmetricKey(data: key), iv: fixedIV)
        }
    }
}

/// A row of the table of cipher suites this library can negotiate.
///
/// Adding a suite means adding a row here (and, for a new key exchange, a key-exchange
/// implementation); the state machines read only these fields. Every supported suite uses the
/// TLS 1.2 PRF with SHA-256.
struct CipherSuiteParameters: Sendable, Hashable {
    var suite: CipherSuite
    var keyExchange: KeyExchangeMethod
    var protection: RecordProtectionAlgorithm

    static let all: [CipherSuiteParameters] = [
        CipherSuiteParameters(suite: .pskWithAES128CCM8, keyExchange: .psk, protection: .aesCCM(keyLength: 16, tagLength: 8)),
        CipherSuiteParameters(suite: .ecdheECDSAWithAES128CCM8, keyExchange: .ecdheECDSA, protection: .aesCCM(keyLength: 16, tagLength: 8)),
        CipherSuiteParameters(suite: .ecdheECDSAWithAES128GCMSHA256, keyExchange: .ecdheECDSA, protection: .aesGCM(keyLength: 16)),
        CipherSuiteParameters(suite: .ecdheECDSAWithChaCha20Poly1305SHA256, keyExchange: .ecdheECDSA, protection: .chaCha20Poly1305),
        CipherSuiteParameters(suite: .ecdhePSKWithAES128CCM8SHA256, keyExchange: .ecdhePSK, protection: .aesCCM(keyLength: 16, tagLength: 8)),
        CipherSuiteParameters(suite: .ecdhePSKWithChaCha20Poly1305SHA256, keyExchange: .ecdhePSK, protection: .chaCha20Poly1305),
        CipherSuiteParameters(suite: .pskWithChaCha20Poly1305SHA256, keyExchange: .psk, protection: .chaCha20Poly1305),
    ]

    static func lookup(_ suite: CipherSuite) -> CipherSuiteParameters? {
        all.first { $0.suite == suite }
    }
}

extension CipherSuite {
    /// Every suite this library can negotiate.
    public static var supported: [CipherSuite] { CipherSuiteParameters.all.map(\.suite) }
}
