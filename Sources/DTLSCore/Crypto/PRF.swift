import Crypto

/// The TLS 1.2 pseudorandom function with SHA-256 (RFC 5246 §5), keyed with one secret.
///
/// ```
/// PRF(secret, label, seed) = P_SHA256(secret, label + seed)
/// P_hash(secret, seed) = HMAC_hash(secret, A(1) + seed) + HMAC_hash(secret, A(2) + seed) + ...
/// A(0) = seed, A(i) = HMAC_hash(secret, A(i-1))
/// ```
///
/// Keying HMAC is the costly part of a short expansion, so the keyed state is kept and
/// copied for every block: a master secret is keyed once for the key block and both Finished
/// messages.
struct PRF: Sendable {
    private let keyed: HMAC<SHA256>

    init(secret: [UInt8]) {
        keyed = HMAC(key: SymmetricKey(data: secret))
    }

    /// `PRF(secret, label, seed)[0..<length]`.
    static func sha256(secret: [UInt8], label: String, seed: [UInt8], length: Int) -> [UInt8] {
        PRF(secret: secret).expand(label: label, seed: seed, length: length)
    }

    /// The first `length` bytes of `P_SHA256(secret, label + seed)`.
    func expand(label: String, seed: [UInt8], length: Int) -> [UInt8] {
        let digestLength = SHA256.byteCount
        // `A(i) ‖ label ‖ seed`: each block is one HMAC over this buffer, A(i) rewritten in place.
        var block = [UInt8](repeating: 0, count: digestLength)
        block += label.utf8
        block += seed
        var output: [UInt8] = []
        output.reserveCapacity(length + digestLength)
        var a = block.withUnsafeBytes { code(UnsafeRawBufferPointer(rebasing: $0[digestLength...])) }
        while true {
            a.withUnsafeBytes { digest in
                block.withUnsafeMutableBytes { $0.copyMemory(from: digest) }
            }
            let next = block.withUnsafeBytes { code($0) }
            next.withUnsafeBytes { output.append(contentsOf: $0) }
            if output.count >= length { break }
            a = a.withUnsafeBytes { code($0) }
        }
        output.removeLast(output.count - length)
        return output
    }

    private func code(_ message: UnsafeRawBufferPointer) -> HashedAuthenticationCode<SHA256> {
        var hmac = keyed
        hmac.update(data: message)
        return hmac.finalize()
    }
}
