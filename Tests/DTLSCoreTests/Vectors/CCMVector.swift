import Testing

/// One AES-CCM known answer: inputs and the expected `ciphertext ‖ tag`.
struct CCMVector: Sendable, CustomTestStringConvertible {
    var name: String
    var key: [UInt8]
    var nonce: [UInt8]
    var additionalData: [UInt8]
    var plaintext: [UInt8]
    var sealed: [UInt8]
    var tagLength: Int

    var testDescription: String { name }
}
