import Testing

@testable import DTLSCore

@Suite("AES-CCM known answers")
struct AESCCMKnownAnswerTests {
    static let strategies: [AESCCM.Strategy] = [.blockByBlock, .bulk]
    static let published = AESCCMPublishedVectors.rfc3610 + AESCCMPublishedVectors.nistExamples
    static let crossChecked = AESCCMCrossCheckVectors.all.map(\.vector)

    @Test("RFC 3610 and NIST SP 800-38C vectors seal and open", arguments: published, strategies)
    func publishedVectors(vector: CCMVector, strategy: AESCCM.Strategy) {
        check(vector, strategy: strategy)
    }

    @Test("12-byte-nonce outputs match Python cryptography's AESCCM", arguments: crossChecked, strategies)
    func crossCheckedVectors(vector: CCMVector, strategy: AESCCM.Strategy) {
        check(vector, strategy: strategy)
    }

    private func check(_ vector: CCMVector, strategy: AESCCM.Strategy) {
        let ccm = AESCCM(key: vector.key, nonceLength: vector.nonce.count, tagLength: vector.tagLength)
        let sealed = ccm.seal(nonce: vector.nonce, additionalData: vector.additionalData, plaintext: vector.plaintext, strategy: strategy)
        #expect(sealed == vector.sealed)
        let opened = ccm.open(nonce: vector.nonce, additionalData: vector.additionalData, sealed: vector.sealed, strategy: strategy)
        #expect(opened == vector.plaintext)
    }
}
