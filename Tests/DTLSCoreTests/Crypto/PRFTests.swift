import Testing

@testable import DTLSCore

@Suite("TLS 1.2 PRF with SHA-256")
struct PRFTests {
    // The widely published P_SHA256 test vector (posted to the IETF TLS list and used by many TLS
    // implementations); the full 100-byte output was checked against Python's hmac/hashlib:
    //   import hmac, hashlib
    //   def prf(secret, label, seed, n):
    //       seed = label + seed; a = seed; out = b""
    //       while len(out) < n:
    //           a = hmac.new(secret, a, hashlib.sha256).digest()
    //           out += hmac.new(secret, a + seed, hashlib.sha256).digest()
    //       return out[:n]
    static let secret = [UInt8](hex: "9b be 43 6b a9 40 f0 17 b1 76 52 84 9a 71 db 35")
    static let seed = [UInt8](hex: "a0 ba 9f 93 6c da 31 18 27 a6 f7 96 ff d5 19 8c")
    static let expected = [UInt8](
        hex: """
            e3 f2 29 ba 72 7b e1 7b 8d 12 26 20 55 7c d4 53 c2 aa b2 1d 07 c3 d4 95 32 9b 52 d4 e6 1e db 5a
            6b 30 17 91 e9 0d 35 c9 c9 a4 6b 4e 14 ba f9 af 0f a0 22 f7 07 7d ef 17 ab fd 37 97 c0 56 4b ab
            4f bc 91 66 6e 9d ef 9b 97 fc e3 4f 79 67 89 ba a4 80 82 d1 22 ee 42 c5 a7 2e 5a 51 10 ff f7 01
            87 34 7b 66
            """
    )

    @Test("the published 100-byte vector")
    func publishedVector() {
        let output = PRF.sha256(secret: Self.secret, label: "test label", seed: Self.seed, length: 100)
        #expect(output == Self.expected)
    }

    @Test("shorter outputs are prefixes of longer ones", arguments: [0, 1, 31, 32, 33, 64, 99])
    func prefixes(length: Int) {
        let output = PRF.sha256(secret: Self.secret, label: "test label", seed: Self.seed, length: length)
        #expect(output == Array(Self.expected.prefix(length)))
    }

    @Test("label and seed both change the output")
    func labelAndSeedMatter() {
        let base = PRF.sha256(secret: Self.secret, label: "test label", seed: Self.seed, length: 32)
        let otherLabel = PRF.sha256(secret: Self.secret, label: "test labem", seed: Self.seed, length: 32)
        let otherSeed = PRF.sha256(secret: Self.secret, label: "test label", seed: Self.seed + [0], length: 32)
        #expect(base != otherLabel)
        #expect(base != otherSeed)
    }
}
