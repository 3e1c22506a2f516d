import Testing

@testable import DTLSCore

@Suite("cached_info extension, cached Certificate and fingerprint (RFC 7924)")
struct CachedInformationTests {
    static let hash = [UInt8](repeating: 0xAB, count: 32)
    /// Two objects: cert with a 32-byte hash, cert_req with a 1-byte hash.
    static let offerBytes = [UInt8](hex: "0025 01 20") + hash + [UInt8](hex: "02 01 ff")

    @Test("a client lists each cached object with its type and hash")
    func offerByteVector() throws {
        let offer = CachedInformationOffer(objects: [
            .init(type: CachedInformationType.certificate, fingerprint: Self.hash),
            .init(type: CachedInformationType.certificateRequest, fingerprint: [0xFF]),
        ])
        try expectCodec(offer, Self.offerBytes)
        expectStrictPrefixesFail(CachedInformationOffer.self, Self.offerBytes)
        #expect(decodeFailure(CachedInformationOffer.self, Self.offerBytes + [0]) == .trailingBytes)
    }

    @Test("an empty list or an empty hash is out of range")
    func offerLengths() {
        #expect(decodeFailure(CachedInformationOffer.self, [0x00, 0x00]) == .lengthOutOfRange)
        #expect(decodeFailure(CachedInformationOffer.self, [UInt8](hex: "0002 01 00")) == .lengthOutOfRange)
        #expect(decodeFailure(CachedInformationOffer.self, [UInt8](hex: "0003 01 02 aa")) == .truncated)
    }

    @Test("a server lists only types")
    func acceptanceByteVector() throws {
        try expectCodec(CachedInformationAcceptance(types: [CachedInformationType.certificate]), [0x00, 0x01, 0x01])
        expectStrictPrefixesFail(CachedInformationAcceptance.self, [0x00, 0x01, 0x01])
        #expect(decodeFailure(CachedInformationAcceptance.self, [0x00, 0x00]) == .lengthOutOfRange)
        #expect(CachedInformationAcceptance.extensionType == .cachedInfo)
        #expect(CachedInformationOffer.extensionType.rawValue == 25)
    }

    @Test("the cached Certificate carries a length-prefixed hash")
    func cachedCertificateByteVector() throws {
        try expectCodec(CachedCertificateMessage(fingerprint: Self.hash), [0x20] + Self.hash)
        expectStrictPrefixesFail(CachedCertificateMessage.self, [0x20] + Self.hash)
        #expect(decodeFailure(CachedCertificateMessage.self, [0x00]) == .lengthOutOfRange)
    }

    @Test("the fingerprint of RFC 7924 Appendix A's Certificate message")
    func appendixFingerprint() throws {
        #expect(Self.appendixCertificate.count == 560)
        let message = encode(X509CertificateMessage(certificates: [Self.appendixCertificate]))
        #expect(message.prefix(6) == [0x00, 0x02, 0x33, 0x00, 0x02, 0x30])
        let cached = DTLSCachedCertificate(message: message)
        #expect(cached.fingerprint == [UInt8](hex: "086eefb4859adfe977defac494fff6b73033b4ce1f86b8f2a9fc0c6bf98605af"))
    }

    /// The example certificate of RFC 7924 Appendix A (Figure 5).
    static let appendixCertificate = [UInt8](
        hex: """
            30 82 02 2C 30 82 01 B2  A0 03 02 01 02 02 01 0D
            30 0A 06 08 2A 86 48 CE  3D 04 03 02 30 3E 31 0B
            30 09 06 03 55 04 06 13  02 4E 4C 31 11 30 0F 06
            03 55 04 0A 13 08 50 6F  6C 61 72 53 53 4C 31 1C
            30 1A 06 03 55 04 03 13  13 50 6F 6C 61 72 73 73
            6C 20 54 65 73 74 20 45  43 20 43 41 30 1E 17 0D
            31 33 30 39 32 34 31 35  35 32 30 34 5A 17 0D 32
            33 30 39 32 32 31 35 35  32 30 34 5A 30 41 31 0B
            30 09 06 03 55 04 06 13  02 4E 4C 31 11 30 0F 06
            03 55 04 0A 13 08 50 6F  6C 61 72 53 53 4C 31 1F
            30 1D 06 03 55 04 03 13  16 50 6F 6C 61 72 53 53
            4C 20 54 65 73 74 20 43  6C 69 65 6E 74 20 32 30
            59 30 13 06 07 2A 86 48  CE 3D 02 01 06 08 2A 86
            48 CE 3D 03 01 07 03 42  00 04 57 E5 AE B1 73 DF
            D3 AC BB 93 B8 81 FF 12  AE EE E6 53 AC CE 55 53
            F6 34 0E CC 2E E3 63 25  0B DF 98 E2 F3 5C 60 36
            96 C0 D5 18 14 70 E5 7F  9F D5 4B 45 18 E5 B0 6C
            D5 5C F8 96 8F 87 70 A3  E4 C7 A3 81 9D 30 81 9A
            30 09 06 03 55 1D 13 04  02 30 00 30 1D 06 03 55
            1D 0E 04 16 04 14 7A 00  5F 86 64 FC E0 5D E5 11
            10 3B B2 E6 3B C4 26 3F  CF E2 30 6E 06 03 55 1D
            23 04 67 30 65 80 14 9D  6D 20 24 49 01 3F 2B CB
            78 B5 19 BC 7E 24 C9 DB  FB 36 7C A1 42 A4 40 30
            3E 31 0B 30 09 06 03 55  04 06 13 02 4E 4C 31 11
            30 0F 06 03 55 04 0A 13  08 50 6F 6C 61 72 53 53
            4C 31 1C 30 1A 06 03 55  04 03 13 13 50 6F 6C 61
            72 73 73 6C 20 54 65 73  74 20 45 43 20 43 41 82
            09 00 C1 43 E2 7E 62 43  CC E8 30 0A 06 08 2A 86
            48 CE 3D 04 03 02 03 68  00 30 65 02 30 4A 65 0D
            7B 20 83 A2 99 B9 A8 0F  FC 8D EE 8F 3D BB 70 4C
            96 03 AC 8E 78 70 DD F2  0E A0 B2 16 CB 65 8E 1A
            C9 3F 2C 61 7E F8 3C EF  AD 1C EE 36 20 02 31 00
            9D F2 27 A6 D5 74 B8 24  AE E1 6A 3F 31 A1 CA 54
            2F 08 D0 8D EE 4F 0C 61  DF 77 78 7D B4 FD FC 42
            49 EE E5 B2 6A C2 CD 26  77 62 8E 28 7C 9E 57 45
            """
    )
}
