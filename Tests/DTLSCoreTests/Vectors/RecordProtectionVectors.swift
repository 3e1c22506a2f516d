// An AES-128-CCM-8 record laid out as RFC 7925 Appendix B describes (epoch 1, sequence number 5,
// 10 bytes of application data), sealed by Python `cryptography`'s `AESCCM` below.
//
// Regenerate (Python 3 with the `cryptography` package) from the package root with
//     sed -n 's|^// py: \{0,1\}||p' Tests/DTLSCoreTests/Vectors/RecordProtectionVectors.swift | python3
// and paste the output into the expected values.
//
// py: from cryptography.hazmat.primitives.ciphers.aead import AESCCM
// py:
// py: key = bytes(range(0x00, 0x10))
// py: salt = bytes.fromhex("a0a1a2a3")
// py: epoch, sequence = 1, 5
// py: payload = b"0123456789"
// py: explicit_nonce = epoch.to_bytes(2, "big") + sequence.to_bytes(6, "big")
// py: aad = explicit_nonce + bytes([23]) + bytes.fromhex("fefd") + len(payload).to_bytes(2, "big")
// py: sealed = AESCCM(key, tag_length=8).encrypt(salt + explicit_nonce, payload, aad)
// py: body = explicit_nonce + sealed
// py: header = bytes([23]) + bytes.fromhex("fefd") + explicit_nonce + len(body).to_bytes(2, "big")
// py: print(f'    static let additionalData = [UInt8](hex: "{aad.hex()}")')
// py: print(f'    static let record = [UInt8](hex: "{(header + body).hex()}")')
enum RecordProtectionVectors {
    // Inputs.
    static let key = (0x00..<0x10).map { UInt8($0) }
    static let salt: [UInt8] = [0xA0, 0xA1, 0xA2, 0xA3]
    static let epoch: UInt16 = 1
    static let sequenceNumber: UInt64 = 5
    static let payload = Array("0123456789".utf8)

    // Expected values: the additional data, and the whole record (header, explicit nonce, ciphertext, tag).
    static let additionalData = [UInt8](hex: "000100000000000517fefd000a")
    static let record = [UInt8](hex: "17fefd0001000000000005001a00010000000000051ccc3c049b93f204240e6c4af739469504c9")
}
