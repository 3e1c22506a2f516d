import Crypto

/// ChaCha20-Poly1305 record protection for DTLS 1.2 (RFC 7905 §2).
///
/// No explicit nonce travels in the record: the nonce is the 12-byte write IV XORed with the
/// 64-bit epoch ‖ sequence number, left-padded with zeros.
struct ChaChaPolyRecordProtection: RecordProtection {
    let explicitNonceLength = 0
    let tagLength = 16
    private let key: SymmetricKey
    private let iv: [UInt8]

    init(key: SymmetricKey, iv: [UInt8]) {
        precondition(iv.count == 12, "ChaCha20-Poly1305 IV must be 12 bytes")
        self.key = key
        self.iv = iv
    }

    private func nonce(_ additionalData: RecordAdditionalData) -> ChaChaPoly.Nonce {
        var bytes = iv
        let sequence = additionalData.epochAndSequence
        for index in 0..<8 { bytes[4 + index] ^= UInt8(truncatingIfNeeded: sequence >> UInt64(56 - 8 * index)) }
        // Cannot fail: the nonce is 12 bytes.
        return try! ChaChaPoly.Nonce(data: bytes)
    }

    func seal(body: UnsafeMutableRawBufferPointer, additionalData: RecordAdditionalData) {
        let plaintext = UnsafeRawBufferPointer(rebasing: body[0..<(body.count - tagLength)])
        // Cannot fail: key and nonce have the right sizes.
        let sealed = additionalData.withUnsafeBytes { aad in try! ChaChaPoly.seal(plaintext, using: key, nonce: nonce(additionalData), authenticating: aad) }
        sealed.ciphertext.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: body[0..<(body.count - tagLength)]).copyMemory(from: $0) }
        sealed.tag.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: body[(body.count - tagLength)...]).copyMemory(from: $0) }
    }

    func open(body: UnsafeMutableRawBufferPointer, additionalData: RecordAdditionalData) -> Bool {
        guard body.count >= tagLength else { return false }
        let ciphertext = UnsafeRawBufferPointer(rebasing: body[0..<(body.count - tagLength)])
        let tag = UnsafeRawBufferPointer(rebasing: body[(body.count - tagLength)...])
        guard let box = try? ChaChaPoly.SealedBox(nonce: nonce(additionalData), ciphertext: ciphertext, tag: tag),
            let plaintext = additionalData.withUnsafeBytes({ aad in try? ChaChaPoly.open(box, using: key, authenticating: aad) })
        else { return false }
        plaintext.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: body[0..<(body.count - tagLength)]).copyMemory(from: $0) }
        return true
    }
}
