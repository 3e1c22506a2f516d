import Crypto

/// AES-GCM record protection for DTLS 1.2 (RFC 5288 §3).
///
/// ```
/// struct { opaque salt[4]; opaque nonce_explicit[8]; } GCMNonce;
/// ```
/// The explicit nonce is epoch ‖ sequence_number, the deterministic construction RFC 9325
/// §7.2.1 asks for; on receipt the nonce is taken from the wire.
struct AESGCMRecordProtection: RecordProtection {
    let explicitNonceLength = 8
    let tagLength = 16
    private let key: SymmetricKey
    private let salt: [UInt8]

    init(key: SymmetricKey, salt: [UInt8]) {
        precondition(salt.count == 4, "GCM salt must be 4 bytes")
        self.key = key
        self.salt = salt
    }

    func seal(body: UnsafeMutableRawBufferPointer, additionalData: RecordAdditionalData) {
        body.storeBytes(of: additionalData.epochAndSequence.bigEndian, toByteOffset: 0, as: UInt64.self)
        let plaintext = UnsafeRawBufferPointer(rebasing: body[explicitNonceLength..<(body.count - tagLength)])
        let nonceBytes = salt + Array(UnsafeRawBufferPointer(rebasing: body[0..<explicitNonceLength]))
        // Cannot fail: the nonce is 12 bytes and the key 16, 24 or 32.
        let sealed = additionalData.withUnsafeBytes { aad in
            try! AES.GCM.seal(plaintext, using: key, nonce: try! AES.GCM.Nonce(data: nonceBytes), authenticating: aad)
        }
        sealed.ciphertext.withUnsafeBytes { ciphertext in
            UnsafeMutableRawBufferPointer(rebasing: body[explicitNonceLength..<(body.count - tagLength)]).copyMemory(from: ciphertext)
        }
        sealed.tag.withUnsafeBytes { tag in
            UnsafeMutableRawBufferPointer(rebasing: body[(body.count - tagLength)...]).copyMemory(from: tag)
        }
    }

    func open(body: UnsafeMutableRawBufferPointer, additionalData: RecordAdditionalData) -> Bool {
        guard body.count >= overhead else { return false }
        let nonceBytes = salt + Array(UnsafeRawBufferPointer(rebasing: body[0..<explicitNonceLength]))
        let ciphertext = UnsafeRawBufferPointer(rebasing: body[explicitNonceLength..<(body.count - tagLength)])
        let tag = UnsafeRawBufferPointer(rebasing: body[(body.count - tagLength)...])
        guard let nonce = try? AES.GCM.Nonce(data: nonceBytes),
            let box = try? AES.GCM.SealedBox(nonce: nonce, ciphertext: ciphertext, tag: tag),
            let plaintext = additionalData.withUnsafeBytes({ aad in try? AES.GCM.open(box, using: key, authenticating: aad) })
        else { return false }
        plaintext.withUnsafeBytes { bytes in
            UnsafeMutableRawBufferPointer(rebasing: body[explicitNonceLength..<(body.count - tagLength)]).copyMemory(from: bytes)
        }
        return true
    }
}
