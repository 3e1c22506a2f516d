import Crypto

/// Key fingerprints as tools print them.
enum Fingerprint {
    /// `sha256:` and the lower-case hex SHA-256 of `bytes` (for keys: of the DER SubjectPublicKeyInfo).
    static func sha256(_ bytes: [UInt8]) -> String {
        "sha256:" + Hex.encode(SHA256.hash(data: bytes))
    }
}
