// AES-CCM outputs of Python `cryptography`'s `AESCCM` (an independent implementation, backed by
// OpenSSL) for DTLS's 12-byte nonce, with 8- and 16-byte tags, across message lengths around the
// block size and the strategy threshold, additional data lengths around block boundaries, and
// one AES-256 key.
//
// Inputs follow from the lengths: key `40 41 42 ...`, nonce `10 11 ... 1b`, additional data
// `a0 a1 a2 ...`, message byte `i` is `(7 * i + 1) mod 256`.
//
// Regenerate (Python 3 with the `cryptography` package) from the package root with
//     sed -n 's|^// py: \{0,1\}||p' Tests/DTLSCoreTests/Vectors/AESCCMCrossCheckVectors.swift | python3
// and paste the output into `all`.
//
// py: from cryptography.hazmat.primitives.ciphers.aead import AESCCM
// py:
// py: def pattern(start, length):
// py:     return bytes((start + i) & 0xFF for i in range(length))
// py:
// py: def message(length):
// py:     return bytes((i * 7 + 1) & 0xFF for i in range(length))
// py:
// py: def emit(key_length, message_length, aad_length, tag):
// py:     ccm = AESCCM(pattern(0x40, key_length), tag_length=tag)
// py:     sealed = ccm.encrypt(pattern(0x10, 12), message(message_length), pattern(0xA0, aad_length)).hex()
// py:     lines = "\n".join("            " + sealed[i:i + 96] for i in range(0, len(sealed), 96))
// py:     print(f"        .init(keyLength: {key_length}, messageLength: {message_length}, aadLength: {aad_length}, tagLength: {tag}, sealed:")
// py:     print(f'            """\n{lines}\n            """),')
// py:
// py: for tag in (8, 16):
// py:     for length in (0, 1, 15, 16, 17, 64, 96, 97, 1024):
// py:         emit(16, length, 13, tag)
// py: for aad_length in (0, 1, 14, 15, 30, 31):
// py:     emit(16, 20, aad_length, 8)
// py: emit(32, 33, 13, 16)
enum AESCCMCrossCheckVectors {
    struct Entry: Sendable {
        var keyLength: Int
        var messageLength: Int
        var aadLength: Int
        var tagLength: Int
        var sealed: [UInt8]

        init(keyLength: Int, messageLength: Int, aadLength: Int, tagLength: Int, sealed: String) {
            self.keyLength = keyLength
            self.messageLength = messageLength
            self.aadLength = aadLength
            self.tagLength = tagLength
            self.sealed = [UInt8](hex: sealed)
        }

        var vector: CCMVector {
            CCMVector(
                name: "AES-\(keyLength * 8)-CCM, \(messageLength)-byte message, \(aadLength)-byte AAD, \(tagLength)-byte tag",
                key: (0..<keyLength).map { UInt8(0x40 + $0) },
                nonce: (0..<12).map { UInt8(0x10 + $0) },
                additionalData: (0..<aadLength).map { UInt8(0xA0 + $0) },
                plaintext: (0..<messageLength).map { UInt8(truncatingIfNeeded: 7 * $0 + 1) },
                sealed: sealed,
                tagLength: tagLength
            )
        }
    }

    static let all: [Entry] = [
        .init(
            keyLength: 16, messageLength: 0, aadLength: 13, tagLength: 8,
            sealed:
                """
                a59919af6394533c
                """),
        .init(
            keyLength: 16, messageLength: 1, aadLength: 13, tagLength: 8,
            sealed:
                """
                c24a9d2fe948f2acb4
                """),
        .init(
            keyLength: 16, messageLength: 15, aadLength: 13, tagLength: 8,
            sealed:
                """
                c29b2c9cccb6176f8a758789b4e6aaa40ef394ab633450
                """),
        .init(
            keyLength: 16, messageLength: 16, aadLength: 13, tagLength: 8,
            sealed:
                """
                c29b2c9cccb6176f8a758789b4e6aa4e6c31626b3eaaeb38
                """),
        .init(
            keyLength: 16, messageLength: 17, aadLength: 13, tagLength: 8,
            sealed:
                """
                c29b2c9cccb6176f8a758789b4e6aa4e20593d1f0b6389eed1
                """),
        .init(
            keyLength: 16, messageLength: 64, aadLength: 13, tagLength: 8,
            sealed:
                """
                c29b2c9cccb6176f8a758789b4e6aa4e203fe76c1de32730c5925c51ef0be1064d9e0295d72335fb153a452772141f76
                973952a76dc7e55d9c19501903359c4fab91d3c42d0b4496
                """),
        .init(
            keyLength: 16, messageLength: 96, aadLength: 13, tagLength: 8,
            sealed:
                """
                c29b2c9cccb6176f8a758789b4e6aa4e203fe76c1de32730c5925c51ef0be1064d9e0295d72335fb153a452772141f76
                973952a76dc7e55d9c19501903359c4f06ddceae3aaaa6def5943b8c8b167aa8abc15f77b9e758526cb5dffb1cb9fa7d
                4fabd3d7e236193e
                """),
        .init(
            keyLength: 16, messageLength: 97, aadLength: 13, tagLength: 8,
            sealed:
                """
                c29b2c9cccb6176f8a758789b4e6aa4e203fe76c1de32730c5925c51ef0be1064d9e0295d72335fb153a452772141f76
                973952a76dc7e55d9c19501903359c4f06ddceae3aaaa6def5943b8c8b167aa8abc15f77b9e758526cb5dffb1cb9fa7d
                fc03b32bd685e07deb
                """),
        .init(
            keyLength: 16, messageLength: 1024, aadLength: 13, tagLength: 8,
            sealed:
                """
                c29b2c9cccb6176f8a758789b4e6aa4e203fe76c1de32730c5925c51ef0be1064d9e0295d72335fb153a452772141f76
                973952a76dc7e55d9c19501903359c4f06ddceae3aaaa6def5943b8c8b167aa8abc15f77b9e758526cb5dffb1cb9fa7d
                fc634d0646cc7f807614849259f46126d633cba2a7c9baf853e31229e3e527d217640d5b752700daf29501a9f899fb7b
                289425dd2d532d2ba5f760b51d45c8096484d7c1fb31cbb0ae8b2d4cd5c7aedc5960ae676d4febc9ad3536d68eb0009f
                6d3520f5fc0a76e4fc063b87fca9faf5d9ff38924f341d91257ca688f6d32d60c489361d0eef52acb1c0629d8eb53e98
                b154dc4f43aee75ad041b7b9a8f43dab3797910b1eff260ba70b1d14c5a6a63aa5062d679060dcbfc8c2dd8b7f929e32
                7fcc3d87a9476f4ec678576c8eadf2e0954e89eb21fc796b0d1b34bc6eef5b67fe5b540d71a15ec1dd9c393cb7f626ff
                fc37e825751b29e4b5e77ba23ad84ecfeaa5060e1bf25114c28bcd64f6f36ef440352d78ef878f32deb81bfe1683ff21
                06a6b08fa3b9f7072e874f68ef72e21ee9c4cc48e7f73f0d5ca5dec16ce510f5c38c2c11bb5e6a9e2e0c48c3ff44ada8
                bc93063423612aa69034da72f18e10dc650d3d58bfe3e606f1ed91ca02465a9e28e778d80e2464e72045be11dcd4cf99
                8f73ae8d4b1330813ee6fced05000c8eff45fe093a6a8f0b07aa633217250cb93420466c877a8976ed42a8d00e29f8d3
                8b6d2b2801b0c715d6ebb1ef3dbf31edc2730e4bcddc24c6a22078e0f3f4ea3d60411560b656d8968667327ca7bbc2b8
                bdd58528f5d702feb23e49555b118ce7bcce26d6f016a7fd6e2630ffd43e20ada67388a1aa736e7508cf35c46d32f9ab
                a0db212528fb058109d627784020bd1cd869b56926320d76df868dcf89672adb2f737061462d422cf467bfc650ca005b
                508fc207aa906966bdcd721dbb8f5b095646cf248b5303f90606165b38168a759f785d98a02547d704e1c590052cc2a8
                8fe707c2f3fcf55cb63fe99153ef389872b5cca51840f615bf3247b82eafebed023012b0d3afe63c09e56e72a5f7cb82
                dc2f2494cc55fa2788728dcc9b7ade173fdec0409d9e5a600e5a36821dd48dd26edf0b0a26fcfb4aa7ad2bab737b4b0f
                c5a71c7275601fe9b4e2f096ce0d672a7fb3da9d67d3245d420980fca34793d7a9de4939a74f39eb76760c1479d8bc77
                efbdc7855c18aaa374961241987fa042c26d2ac3c6fb383fef7f9b6ed3302754cf26d9ce0982835943f1dc37a0f13344
                ae6c5602c4fdeb36490c97c861b4158d5d5dab3ec8c3f4650f427e42caa0943961e9654ba596685a93cbefdf696e69e0
                1fdde308aa4e5bebdda531f1af9672859fc90f14327adf61df06a4f346e9f3df0de01caa4d28f5ecb819359ec5b9cd15
                544a8cfea3f24c8da887c0b23e50c593dabb34f0f83ea9b8
                """),
        .init(
            keyLength: 16, messageLength: 0, aadLength: 13, tagLength: 16,
            sealed:
                """
                4e236298b6c6d0fadbe605d6f64f364a
                """),
        .init(
            keyLength: 16, messageLength: 1, aadLength: 13, tagLength: 16,
            sealed:
                """
                c2e64e768eecdd2e3e2195b9059e60fc5d
                """),
        .init(
            keyLength: 16, messageLength: 15, aadLength: 13, tagLength: 16,
            sealed:
                """
                c29b2c9cccb6176f8a758789b4e6aad315c81afcba91476ec6b1168eb06303
                """),
        .init(
            keyLength: 16, messageLength: 16, aadLength: 13, tagLength: 16,
            sealed:
                """
                c29b2c9cccb6176f8a758789b4e6aa4eb0c89f64292847732c8c369fef9f8c9b
                """),
        .init(
            keyLength: 16, messageLength: 17, aadLength: 13, tagLength: 16,
            sealed:
                """
                c29b2c9cccb6176f8a758789b4e6aa4e205ec92694e58be597fb4a81ff83d317ab
                """),
        .init(
            keyLength: 16, messageLength: 64, aadLength: 13, tagLength: 16,
            sealed:
                """
                c29b2c9cccb6176f8a758789b4e6aa4e203fe76c1de32730c5925c51ef0be1064d9e0295d72335fb153a452772141f76
                973952a76dc7e55d9c19501903359c4fe9c808d28a3aac2bf1ab04ee4db80a89
                """),
        .init(
            keyLength: 16, messageLength: 96, aadLength: 13, tagLength: 16,
            sealed:
                """
                c29b2c9cccb6176f8a758789b4e6aa4e203fe76c1de32730c5925c51ef0be1064d9e0295d72335fb153a452772141f76
                973952a76dc7e55d9c19501903359c4f06ddceae3aaaa6def5943b8c8b167aa8abc15f77b9e758526cb5dffb1cb9fa7d
                3e0a8d979c0467ff92aa33e6ab7a6109
                """),
        .init(
            keyLength: 16, messageLength: 97, aadLength: 13, tagLength: 16,
            sealed:
                """
                c29b2c9cccb6176f8a758789b4e6aa4e203fe76c1de32730c5925c51ef0be1064d9e0295d72335fb153a452772141f76
                973952a76dc7e55d9c19501903359c4f06ddceae3aaaa6def5943b8c8b167aa8abc15f77b9e758526cb5dffb1cb9fa7d
                fc5ee2fd906da8d6cfa53f244d82805021
                """),
        .init(
            keyLength: 16, messageLength: 1024, aadLength: 13, tagLength: 16,
            sealed:
                """
                c29b2c9cccb6176f8a758789b4e6aa4e203fe76c1de32730c5925c51ef0be1064d9e0295d72335fb153a452772141f76
                973952a76dc7e55d9c19501903359c4f06ddceae3aaaa6def5943b8c8b167aa8abc15f77b9e758526cb5dffb1cb9fa7d
                fc634d0646cc7f807614849259f46126d633cba2a7c9baf853e31229e3e527d217640d5b752700daf29501a9f899fb7b
                289425dd2d532d2ba5f760b51d45c8096484d7c1fb31cbb0ae8b2d4cd5c7aedc5960ae676d4febc9ad3536d68eb0009f
                6d3520f5fc0a76e4fc063b87fca9faf5d9ff38924f341d91257ca688f6d32d60c489361d0eef52acb1c0629d8eb53e98
                b154dc4f43aee75ad041b7b9a8f43dab3797910b1eff260ba70b1d14c5a6a63aa5062d679060dcbfc8c2dd8b7f929e32
                7fcc3d87a9476f4ec678576c8eadf2e0954e89eb21fc796b0d1b34bc6eef5b67fe5b540d71a15ec1dd9c393cb7f626ff
                fc37e825751b29e4b5e77ba23ad84ecfeaa5060e1bf25114c28bcd64f6f36ef440352d78ef878f32deb81bfe1683ff21
                06a6b08fa3b9f7072e874f68ef72e21ee9c4cc48e7f73f0d5ca5dec16ce510f5c38c2c11bb5e6a9e2e0c48c3ff44ada8
                bc93063423612aa69034da72f18e10dc650d3d58bfe3e606f1ed91ca02465a9e28e778d80e2464e72045be11dcd4cf99
                8f73ae8d4b1330813ee6fced05000c8eff45fe093a6a8f0b07aa633217250cb93420466c877a8976ed42a8d00e29f8d3
                8b6d2b2801b0c715d6ebb1ef3dbf31edc2730e4bcddc24c6a22078e0f3f4ea3d60411560b656d8968667327ca7bbc2b8
                bdd58528f5d702feb23e49555b118ce7bcce26d6f016a7fd6e2630ffd43e20ada67388a1aa736e7508cf35c46d32f9ab
                a0db212528fb058109d627784020bd1cd869b56926320d76df868dcf89672adb2f737061462d422cf467bfc650ca005b
                508fc207aa906966bdcd721dbb8f5b095646cf248b5303f90606165b38168a759f785d98a02547d704e1c590052cc2a8
                8fe707c2f3fcf55cb63fe99153ef389872b5cca51840f615bf3247b82eafebed023012b0d3afe63c09e56e72a5f7cb82
                dc2f2494cc55fa2788728dcc9b7ade173fdec0409d9e5a600e5a36821dd48dd26edf0b0a26fcfb4aa7ad2bab737b4b0f
                c5a71c7275601fe9b4e2f096ce0d672a7fb3da9d67d3245d420980fca34793d7a9de4939a74f39eb76760c1479d8bc77
                efbdc7855c18aaa374961241987fa042c26d2ac3c6fb383fef7f9b6ed3302754cf26d9ce0982835943f1dc37a0f13344
                ae6c5602c4fdeb36490c97c861b4158d5d5dab3ec8c3f4650f427e42caa0943961e9654ba596685a93cbefdf696e69e0
                1fdde308aa4e5bebdda531f1af9672859fc90f14327adf61df06a4f346e9f3df0de01caa4d28f5ecb819359ec5b9cd15
                544a8cfea3f24c8da887c0b23e50c59351bd3bb2be6b547db339e6d9bc2c8f89
                """),
        .init(
            keyLength: 16, messageLength: 20, aadLength: 0, tagLength: 8,
            sealed:
                """
                c29b2c9cccb6176f8a758789b4e6aa4e203fe76cd0e0378568dda02e
                """),
        .init(
            keyLength: 16, messageLength: 20, aadLength: 1, tagLength: 8,
            sealed:
                """
                c29b2c9cccb6176f8a758789b4e6aa4e203fe76c734fef33e730f4c9
                """),
        .init(
            keyLength: 16, messageLength: 20, aadLength: 14, tagLength: 8,
            sealed:
                """
                c29b2c9cccb6176f8a758789b4e6aa4e203fe76cebd110ed8af763bf
                """),
        .init(
            keyLength: 16, messageLength: 20, aadLength: 15, tagLength: 8,
            sealed:
                """
                c29b2c9cccb6176f8a758789b4e6aa4e203fe76cae3e3e33adeda56b
                """),
        .init(
            keyLength: 16, messageLength: 20, aadLength: 30, tagLength: 8,
            sealed:
                """
                c29b2c9cccb6176f8a758789b4e6aa4e203fe76cd77889974d536179
                """),
        .init(
            keyLength: 16, messageLength: 20, aadLength: 31, tagLength: 8,
            sealed:
                """
                c29b2c9cccb6176f8a758789b4e6aa4e203fe76ce85abcd1b58b6435
                """),
        .init(
            keyLength: 32, messageLength: 33, aadLength: 13, tagLength: 16,
            sealed:
                """
                25d1ae9b8abc0a25fb9c66d3a73eef64617da951a2afd870e67f32a1db311b37c728ddfbb3a661e9c4fe78d969272da7
                a4
                """),
    ]
}
