import Crypto

/// How a suite authenticates and agrees on the premaster secret.
enum KeyExchangeMethod: Sendable, Hashable {
    /// Plain pre-shared key (RFC 4279 §2).
    case psk
    /// Ephemeral ECDH on P-256, signed with ECDSA (RFC 8422).
    case ecdheECDSA
}

/// How a suite protects records.
enum RecordProtectionAlgorithm: Sendable, Hashable {
    /// AES-CCM with a 12-byte nonce (RFC 6655).
    case aesCCM(keyLength: Int, tagLength: Int)
    /// AES-GCM with a 12-byte nonce and 16-byte tag (RFC 5288).
    case aesGCM(keyLength: Int)

    var keyLength: Int {
        switch self {
        case .aesCCM(let keyLength, _), .aesGCM(let keyLength): keyLength
        }
    }

    /// Bytes of implicit nonce (`*_write_IV`) taken from the key block.
    var fixedIVLength: Int { 4 }

    /// Creates the keyed protection for one epoch and direction.
    func makeProtection(key: [UInt8], fixedIV: [UInt8]) -> any RecordProtection {
        switch self {
        case .aesCCM(_, let tagLength):
            AESCCMRecordProtection(key: SymmetricKey(data: key), salt: fixedIV, tagLength: tagLength)
        case .aesGCM:
            AESGCMRecordProtection(key: SymmetricKey(data: key), salt: fixedIV)
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
    ]

    static func lookup(_ suite: CipherSuite) -> CipherSuiteParameters? {
        all.first { $0.suite == suite }
    }
}
