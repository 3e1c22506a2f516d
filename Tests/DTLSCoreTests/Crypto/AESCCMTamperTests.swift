import Testing

@testable import DTLSCore

@Suite("AES-CCM rejects modified inputs")
struct AESCCMTamperTests {
    static let strategies: [AESCCM.Strategy] = [.blockByBlock, .bulk]
    /// Vectors with a non-empty message, so the ciphertext can be modified.
    static let vectors = (AESCCMPublishedVectors.rfc3610 + AESCCMCrossCheckVectors.all.map(\.vector)).filter { !$0.plaintext.isEmpty }

    private static func ccm(for vector: CCMVector) -> AESCCM {
        AESCCM(key: vector.key, nonceLength: vector.nonce.count, tagLength: vector.tagLength)
    }

    private static func flippingBit(of bytes: [UInt8], at index: Int) -> [UInt8] {
        var bytes = bytes
        bytes[index] ^= 0x01
        return bytes
    }

    @Test("a flipped ciphertext bit fails", arguments: vectors, strategies)
    func ciphertextBit(vector: CCMVector, strategy: AESCCM.Strategy) {
        for index in [0, vector.plaintext.count / 2, vector.plaintext.count - 1] {
            let sealed = Self.flippingBit(of: vector.sealed, at: index)
            #expect(Self.ccm(for: vector).open(nonce: vector.nonce, additionalData: vector.additionalData, sealed: sealed, strategy: strategy) == nil)
        }
    }

    @Test("a flipped tag bit fails", arguments: vectors, strategies)
    func tagBit(vector: CCMVector, strategy: AESCCM.Strategy) {
        for index in [vector.plaintext.count, vector.sealed.count - 1] {
            let sealed = Self.flippingBit(of: vector.sealed, at: index)
            #expect(Self.ccm(for: vector).open(nonce: vector.nonce, additionalData: vector.additionalData, sealed: sealed, strategy: strategy) == nil)
        }
    }

    @Test("a flipped additional-data bit fails", arguments: vectors.filter { !$0.additionalData.isEmpty }, strategies)
    func additionalDataBit(vector: CCMVector, strategy: AESCCM.Strategy) {
        for index in [0, vector.additionalData.count - 1] {
            let additionalData = Self.flippingBit(of: vector.additionalData, at: index)
            #expect(Self.ccm(for: vector).open(nonce: vector.nonce, additionalData: additionalData, sealed: vector.sealed, strategy: strategy) == nil)
        }
    }

    @Test("dropping or adding additional data fails", arguments: vectors.filter { !$0.additionalData.isEmpty }, strategies)
    func additionalDataLength(vector: CCMVector, strategy: AESCCM.Strategy) {
        let ccm = Self.ccm(for: vector)
        #expect(ccm.open(nonce: vector.nonce, additionalData: [], sealed: vector.sealed, strategy: strategy) == nil)
        #expect(ccm.open(nonce: vector.nonce, additionalData: vector.additionalData + [0], sealed: vector.sealed, strategy: strategy) == nil)
    }

    @Test("a flipped nonce bit fails", arguments: vectors, strategies)
    func nonceBit(vector: CCMVector, strategy: AESCCM.Strategy) {
        for index in [0, vector.nonce.count - 1] {
            let nonce = Self.flippingBit(of: vector.nonce, at: index)
            #expect(Self.ccm(for: vector).open(nonce: nonce, additionalData: vector.additionalData, sealed: vector.sealed, strategy: strategy) == nil)
        }
    }

    @Test("a wrong key fails", arguments: vectors, strategies)
    func wrongKey(vector: CCMVector, strategy: AESCCM.Strategy) {
        let ccm = AESCCM(key: Self.flippingBit(of: vector.key, at: 0), nonceLength: vector.nonce.count, tagLength: vector.tagLength)
        #expect(ccm.open(nonce: vector.nonce, additionalData: vector.additionalData, sealed: vector.sealed, strategy: strategy) == nil)
    }

    @Test("a nonce or tag of the wrong length fails instead of trapping")
    func wrongLengths() {
        let vector = AESCCMPublishedVectors.rfc3610[0]
        let ccm = Self.ccm(for: vector)
        let tag = Array(vector.sealed.suffix(vector.tagLength))
        func opens(nonce: [UInt8], tag: [UInt8]) -> Bool {
            var message = Array(vector.sealed.dropLast(vector.tagLength))
            return nonce.withUnsafeBytes { nonce in
                vector.additionalData.withUnsafeBytes { additionalData in
                    message.withUnsafeMutableBytes { message in
                        tag.withUnsafeBytes { tag in ccm.open(nonce: nonce, additionalData: additionalData, message: message, tag: tag) }
                    }
                }
            }
        }
        #expect(opens(nonce: vector.nonce, tag: tag))
        #expect(!opens(nonce: Array(vector.nonce.dropLast()), tag: tag))
        #expect(!opens(nonce: vector.nonce + [0], tag: tag))
        #expect(!opens(nonce: vector.nonce, tag: Array(tag.dropLast(2))))
        #expect(!opens(nonce: vector.nonce, tag: tag + [0, 0]))
    }
}
