import Crypto

/// AES-CCM record protection for DTLS 1.2 (RFC 6655 §3, RFC 7925 Appendix B).
///
/// ```
/// struct { uint32 client_write_IV; uint64 seq_num; } CCMNonce;   // salt ‖ epoch ‖ sequence
/// ```
/// The explicit nonce carried in each record is epoch ‖ sequence_number; on receipt the nonce
/// is taken from the wire as sent.
struct AESCCMRecordProtection: RecordProtection {
    let explicitNonceLength = 8
    let tagLength: Int
    private let ccm: AESCCM
    /// The 4-byte implicit part of the nonce (`client_write_IV` / `server_write_IV`).
    private let salt: UInt32

    init(key: SymmetricKey, salt: [UInt8], tagLength: Int) {
        precondition(salt.count == 4, "CCM salt must be 4 bytes")
        self.ccm = AESCCM(key: key, nonceLength: 12, tagLength: tagLength)
        self.tagLength = tagLength
        self.salt = salt.withUnsafeBytes { UInt32(bigEndian: $0.loadUnaligned(as: UInt32.self)) }
    }

    func seal(body: UnsafeMutableRawBufferPointer, additionalData: RecordAdditionalData) {
        body.storeBytes(of: additionalData.epochAndSequence.bigEndian, toByteOffset: 0, as: UInt64.self)
        let explicit = UnsafeRawBufferPointer(rebasing: body[0..<explicitNonceLength])
        withNonce(explicit: explicit) { nonce in
            additionalData.withUnsafeBytes { aad in
                ccm.seal(
                    nonce: nonce,
                    additionalData: aad,
                    message: UnsafeMutableRawBufferPointer(rebasing: body[explicitNonceLength..<(body.count - tagLength)]),
                    tag: UnsafeMutableRawBufferPointer(rebasing: body[(body.count - tagLength)...])
                )
            }
        }
    }

    func open(body: UnsafeMutableRawBufferPointer, additionalData: RecordAdditionalData) -> Bool {
        guard body.count >= overhead else { return false }
        let explicit = UnsafeRawBufferPointer(rebasing: body[0..<explicitNonceLength])
        return withNonce(explicit: explicit) { nonce in
            additionalData.withUnsafeBytes { aad in
                ccm.open(
                    nonce: nonce,
                    additionalData: aad,
                    message: UnsafeMutableRawBufferPointer(rebasing: body[explicitNonceLength..<(body.count - tagLength)]),
                    tag: UnsafeRawBufferPointer(rebasing: body[(body.count - tagLength)...])
                )
            }
        }
    }

    /// Builds the 12-byte nonce salt ‖ explicit on the stack.
    private func withNonce<R>(explicit: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        var storage: (UInt64, UInt32) = (0, 0)
        return Swift.withUnsafeMutableBytes(of: &storage) { nonce in
            nonce.storeBytes(of: salt.bigEndian, toByteOffset: 0, as: UInt32.self)
            UnsafeMutableRawBufferPointer(rebasing: nonce[4..<12]).copyMemory(from: explicit)
            return body(UnsafeRawBufferPointer(rebasing: nonce[0..<12]))
        }
    }
}
