import Testing

@testable import DTLSCore

@Suite("AES-CCM computation strategies")
struct AESCCMStrategyTests {
    @Test("messages up to the limit go block by block, longer ones in bulk")
    func threshold() {
        #expect(AESCCM.strategy(forLength: 0) == .blockByBlock)
        #expect(AESCCM.strategy(forLength: AESCCM.blockByBlockLimit) == .blockByBlock)
        #expect(AESCCM.strategy(forLength: AESCCM.blockByBlockLimit + 1) == .bulk)
    }

    @Test("both strategies agree for random lengths, additional data and tag lengths")
    func strategiesAgree() {
        var generator = SeededGenerator(seed: 0xCC11)
        for _ in 0..<200 {
            let tagLength = [4, 6, 8, 10, 12, 14, 16].randomElement(using: &generator)!
            let nonceLength = Int.random(in: 7...13, using: &generator)
            let ccm = AESCCM(key: generator.bytes(16), nonceLength: nonceLength, tagLength: tagLength)
            let nonce = generator.bytes(nonceLength)
            let additionalData = generator.bytes(Int.random(in: 0...40, using: &generator))
            let plaintext = generator.bytes(Int.random(in: 0...300, using: &generator))
            let bulk = ccm.seal(nonce: nonce, additionalData: additionalData, plaintext: plaintext, strategy: .bulk)
            let blockByBlock = ccm.seal(nonce: nonce, additionalData: additionalData, plaintext: plaintext, strategy: .blockByBlock)
            #expect(bulk == blockByBlock)
            #expect(ccm.open(nonce: nonce, additionalData: additionalData, sealed: bulk, strategy: .blockByBlock) == plaintext)
            #expect(ccm.open(nonce: nonce, additionalData: additionalData, sealed: blockByBlock, strategy: .bulk) == plaintext)
        }
    }
}
