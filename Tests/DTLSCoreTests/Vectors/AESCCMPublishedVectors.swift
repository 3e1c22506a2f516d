/// AES-CCM vectors as published, copied byte for byte.
enum AESCCMPublishedVectors {
    /// RFC 3610 §8 packet vectors #1, #2, #3 and #13: 13-byte nonce, 8-byte tag, 8 bytes of
    /// additional data (the first 8 bytes of each packet), the rest encrypted.
    static let rfc3610: [CCMVector] = [
        CCMVector(
            name: "RFC 3610 packet vector #1",
            key: [UInt8](hex: "C0 C1 C2 C3 C4 C5 C6 C7 C8 C9 CA CB CC CD CE CF"),
            nonce: [UInt8](hex: "00 00 00 03 02 01 00 A0 A1 A2 A3 A4 A5"),
            additionalData: [UInt8](hex: "00 01 02 03 04 05 06 07"),
            plaintext: [UInt8](hex: "08 09 0A 0B 0C 0D 0E 0F 10 11 12 13 14 15 16 17 18 19 1A 1B 1C 1D 1E"),
            sealed: [UInt8](
                hex: """
                    58 8C 97 9A 61 C6 63 D2 F0 66 D0 C2 C0 F9 89 80
                    6D 5F 6B 61 DA C3 84 17 E8 D1 2C FD F9 26 E0
                    """
            ),
            tagLength: 8
        ),
        CCMVector(
            name: "RFC 3610 packet vector #2",
            key: [UInt8](hex: "C0 C1 C2 C3 C4 C5 C6 C7 C8 C9 CA CB CC CD CE CF"),
            nonce: [UInt8](hex: "00 00 00 04 03 02 01 A0 A1 A2 A3 A4 A5"),
            additionalData: [UInt8](hex: "00 01 02 03 04 05 06 07"),
            plaintext: [UInt8](hex: "08 09 0A 0B 0C 0D 0E 0F 10 11 12 13 14 15 16 17 18 19 1A 1B 1C 1D 1E 1F"),
            sealed: [UInt8](
                hex: """
                    72 C9 1A 36 E1 35 F8 CF 29 1C A8 94 08 5C 87 E3
                    CC 15 C4 39 C9 E4 3A 3B A0 91 D5 6E 10 40 09 16
                    """
            ),
            tagLength: 8
        ),
        CCMVector(
            name: "RFC 3610 packet vector #3",
            key: [UInt8](hex: "C0 C1 C2 C3 C4 C5 C6 C7 C8 C9 CA CB CC CD CE CF"),
            nonce: [UInt8](hex: "00 00 00 05 04 03 02 A0 A1 A2 A3 A4 A5"),
            additionalData: [UInt8](hex: "00 01 02 03 04 05 06 07"),
            plaintext: [UInt8](hex: "08 09 0A 0B 0C 0D 0E 0F 10 11 12 13 14 15 16 17 18 19 1A 1B 1C 1D 1E 1F 20"),
            sealed: [UInt8](
                hex: """
                    51 B1 E5 F4 4A 19 7D 1D A4 6B 0F 8E 2D 28 2A E8
                    71 E8 38 BB 64 DA 85 96 57 4A DA A7 6F BD 9F B0 C5
                    """
            ),
            tagLength: 8
        ),
        CCMVector(
            name: "RFC 3610 packet vector #13",
            key: [UInt8](hex: "D7 82 8D 13 B2 B0 BD C3 25 A7 62 36 DF 93 CC 6B"),
            nonce: [UInt8](hex: "00 41 2B 4E A9 CD BE 3C 96 96 76 6C FA"),
            additionalData: [UInt8](hex: "0B E1 A8 8B AC E0 18 B1"),
            plaintext: [UInt8](hex: "08 E8 CF 97 D8 20 EA 25 84 60 E9 6A D9 CF 52 89 05 4D 89 5C EA C4 7C"),
            sealed: [UInt8](
                hex: """
                    4C B9 7F 86 A2 A4 68 9A 87 79 47 AB 80 91 EF 53
                    86 A6 FF BD D0 80 F8 E7 8C F7 CB 0C DD D7 B3
                    """
            ),
            tagLength: 8
        ),
    ]

    /// NIST SP 800-38C Appendix C, examples 1 to 3: nonces of 7, 8 and 12 bytes, tags of 4, 6
    /// and 8 bytes. The published `C` is `ciphertext ‖ tag`.
    static let nistExamples: [CCMVector] = [
        CCMVector(
            name: "NIST SP 800-38C example C.1",
            key: [UInt8](hex: "40414243 44454647 48494a4b 4c4d4e4f"),
            nonce: [UInt8](hex: "10111213 141516"),
            additionalData: [UInt8](hex: "00010203 04050607"),
            plaintext: [UInt8](hex: "20212223"),
            sealed: [UInt8](hex: "7162015b 4dac255d"),
            tagLength: 4
        ),
        CCMVector(
            name: "NIST SP 800-38C example C.2",
            key: [UInt8](hex: "40414243 44454647 48494a4b 4c4d4e4f"),
            nonce: [UInt8](hex: "10111213 14151617"),
            additionalData: [UInt8](hex: "00010203 04050607 08090a0b 0c0d0e0f"),
            plaintext: [UInt8](hex: "20212223 24252627 28292a2b 2c2d2e2f"),
            sealed: [UInt8](hex: "d2a1f0e0 51ea5f62 081a7792 073d593d 1fc64fbf accd"),
            tagLength: 6
        ),
        CCMVector(
            name: "NIST SP 800-38C example C.3",
            key: [UInt8](hex: "40414243 44454647 48494a4b 4c4d4e4f"),
            nonce: [UInt8](hex: "10111213 14151617 18191a1b"),
            additionalData: [UInt8](hex: "00010203 04050607 08090a0b 0c0d0e0f 10111213"),
            plaintext: [UInt8](hex: "20212223 24252627 28292a2b 2c2d2e2f 30313233 34353637"),
            sealed: [UInt8](hex: "e3b201a9 f5b71a7a 9b1ceaec cd97e70b 6176aad9 a4428aa5 484392fb c1b09951"),
            tagLength: 8
        ),
    ]
}
