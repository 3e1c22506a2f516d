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
        // Keying HMAC is the costly part; key once and copy the keyed state for every block.
        let keyed = HMAC<SHA256>(key: SymmetricKey(data: secret))
        let labelAndSeed = Array(label.utf8) + seed
        var output: [UInt8] = []
        output.reserveCapacity(length + SHA256.byteCount)
        var a = code(keyed, labelAndSeed)
        while output.count < length {
            output.append(contentsOf: code(keyed, a, labelAndSeed))
            a = code(keyed, a)
        }
        return Array(output.prefix(length))
    }

    private static func code(_ keyed: HMAC<SHA256>, _ first: [UInt8], _ second: [UInt8] = []) -> [UInt8] {
        var hmac = keyed
        hmac.update(data: first)
        if !second.isEmpty { hmac.update(data: second) }
        return hmac.finalize().withUnsafeBytes { Array($0) }
    }
}
