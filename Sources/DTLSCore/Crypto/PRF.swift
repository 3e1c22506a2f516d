import Crypto

/// The TLS 1.2 pseudorandom function with SHA-256 (RFC 5246 §5).
///
/// ```
/// PRF(secret, label, seed) = P_SHA256(secret, label + seed)
/// P_hash(secret, seed) = HMAC_hash(secret, A(1) + seed) + HMAC_hash(secret, A(2) + seed) + ...
/// A(0) = seed, A(i) = HMAC_hash(secret, A(i-1))
/// ```
enum PRF {
    /// Expands `secret` into `length` bytes bound to `label` and `seed`.
    static func sha256(secret: [UInt8], label: String, seed: [UInt8], length: Int) -> [UInt8] {
        let key = SymmetricKey(data: secret)
        let labelAndSeed = Array(label.utf8) + seed
        var output: [UInt8] = []
        output.reserveCapacity(length + SHA256.byteCount)
        var a = Array(HMAC<SHA256>.authenticationCode(for: labelAndSeed, using: key))
        while output.count < length {
            var hmac = HMAC<SHA256>(key: key)
            hmac.update(data: a)
            hmac.update(data: labelAndSeed)
            output.append(contentsOf: hmac.finalize())
            a = Array(HMAC<SHA256>.authenticationCode(for: a, using: key))
        }
        return Array(output.prefix(length))
    }
}
