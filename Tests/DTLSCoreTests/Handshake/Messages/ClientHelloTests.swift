import Testing

@testable import DTLSCore

@Suite("ClientHello codec")
struct ClientHelloTests {
    static let random = (0..<32).map { UInt8($0) }

    static var hello: ClientHello {
        var extensions = HelloExtensions()
        extensions.set(ExtendedMasterSecretExtension())
        extensions.set(RenegotiationInfoExtension())
        return ClientHello(
            random: random,
            cookie: [0xAA, 0xBB],
            cipherSuites: [.pskWithAES128CCM8, .emptyRenegotiationInfoSCSV],
            extensions: extensions
        )
    }

    static let bytes = [UInt8](
        hex: [
            "fefd",  // client_version: DTLS 1.2
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",  // random
            "00",  // session_id: empty
            "02 aabb",  // cookie
            "0004 c0a8 00ff",  // cipher_suites: TLS_PSK_WITH_AES_128_CCM_8, TLS_EMPTY_RENEGOTIATION_INFO_SCSV
            "01 00",  // compression_methods: null
            "0009 0017 0000 ff01 0001 00",  // extensions: extended_master_secret, renegotiation_info
        ].joined()
    )
    /// Bytes up to and including compression_methods.
    static let bytesWithoutExtensions = Array(bytes.prefix(46))

    /// `bytes` with the range `range` replaced by `replacement`.
    private static func replacing(_ range: Range<Int>, with replacement: String) -> [UInt8] {
        var bytes = Self.bytes
        bytes.replaceSubrange(range, with: [UInt8](hex: replacement))
        return bytes
    }

    @Test("encodes to the RFC 6347 §4.2.1 layout")
    func byteVector() throws {
        try expectCodec(Self.hello, Self.bytes)
    }

    @Test("without extensions the extension block is absent")
    func noExtensions() throws {
        var hello = Self.hello
        hello.extensions = HelloExtensions()
        try expectCodec(hello, Self.bytesWithoutExtensions)
    }

    @Test("round-trips in both directions")
    func roundTrip() throws {
        try expectRoundTrip(Self.hello)
        let extremes = ClientHello(
            clientVersion: .dtls10,
            random: [UInt8](repeating: 0xFF, count: 32),
            sessionID: [UInt8](repeating: 7, count: 32),
            cookie: [UInt8](repeating: 9, count: 255),
            cipherSuites: [CipherSuite(rawValue: 0x1234)],
            compressionMethods: [1, 0]
        )
        try expectRoundTrip(extremes)
        #expect(encode(try decode(ClientHello.self, Self.bytes)) == Self.bytes)
    }

    @Test("no strict prefix decodes, except the one ending before the optional extensions")
    func prefixes() throws {
        expectStrictPrefixesFail(ClientHello.self, Self.bytes, validPrefixes: [Self.bytesWithoutExtensions.count])
        expectStrictPrefixesFail(ClientHello.self, Self.bytesWithoutExtensions)
        let withoutExtensions = try decode(ClientHello.self, Self.bytesWithoutExtensions)
        #expect(withoutExtensions.extensions.isEmpty)
        #expect(withoutExtensions.cookie == [0xAA, 0xBB])
    }

    @Test("trailing bytes after the extensions are rejected")
    func trailing() {
        #expect(decodeFailure(ClientHello.self, Self.bytes + [0x00]) == .trailingBytes)
    }

    @Test("an empty extension block decodes as no extensions")
    func emptyExtensionBlock() throws {
        #expect(try decode(ClientHello.self, Self.bytesWithoutExtensions + [0x00, 0x00]).extensions.isEmpty)
    }

    @Test("length fields pointing past the end are truncated")
    func lengthsPastEnd() {
        let cases: [(field: String, bytes: [UInt8])] = [
            ("session_id", Self.replacing(34..<57, with: "20" + String(repeating: "00", count: 31))),
            ("cookie", Self.replacing(35..<57, with: "03 aabb")),
            ("cipher_suites", Self.replacing(38..<57, with: "0006 c0a8 00ff")),
            ("compression_methods", Self.replacing(44..<57, with: "02 00")),
            ("extensions", Self.replacing(46..<48, with: "000a")),
            ("extension_data", Self.replacing(54..<56, with: "0002")),
        ]
        for (field, bytes) in cases {
            #expect(decodeFailure(ClientHello.self, bytes) == .truncated, "\(field)")
        }
    }

    @Test("a session_id of 33 bytes is out of range")
    func sessionIDTooLong() {
        let bytes = Array(Self.bytes.prefix(34)) + [0x21] + [UInt8](repeating: 0x01, count: 33) + Array(Self.bytes[35...])
        #expect(decodeFailure(ClientHello.self, bytes) == .lengthOutOfRange)
    }

    @Test("empty cipher_suites are out of range")
    func emptyCipherSuites() {
        #expect(decodeFailure(ClientHello.self, Self.replacing(38..<44, with: "0000")) == .lengthOutOfRange)
    }

    @Test("a cipher_suites length of 2^16 - 1 is out of range")
    func cipherSuitesTooLong() {
        let bytes = Array(Self.bytes.prefix(38)) + [0xFF, 0xFF] + [UInt8](repeating: 0, count: 0xFFFF) + [0x01, 0x00]
        #expect(decodeFailure(ClientHello.self, bytes) == .lengthOutOfRange)
    }

    @Test("an odd cipher_suites length is illegal")
    func oddCipherSuites() {
        #expect(decodeFailure(ClientHello.self, Self.replacing(38..<44, with: "0003 c0a8 00")) == .illegalValue)
    }

    @Test("empty compression_methods are out of range")
    func emptyCompressionMethods() {
        #expect(decodeFailure(ClientHello.self, Self.replacing(44..<46, with: "00")) == .lengthOutOfRange)
    }

    @Test("a duplicate extension is illegal")
    func duplicateExtension() {
        #expect(decodeFailure(ClientHello.self, Self.replacing(46..<57, with: "0008 0017 0000 0017 0000")) == .illegalValue)
    }

    @Test("unknown extensions and cipher suites round-trip verbatim, in order")
    func unknownValues() throws {
        let bytes = Self.replacing(38..<57, with: "0004 1234 c0a8  01 00  000c 1234 0003 010203 fe00 0001 ff")
        let hello = try decode(ClientHello.self, bytes)
        #expect(hello.cipherSuites == [CipherSuite(rawValue: 0x1234), .pskWithAES128CCM8])
        #expect(
            hello.extensions.entries == [
                HelloExtensions.Entry(type: ExtensionType(rawValue: 0x1234), body: [1, 2, 3]),
                HelloExtensions.Entry(type: ExtensionType(rawValue: 0xFE00), body: [0xFF]),
            ])
        #expect(encode(hello) == bytes)
    }
}
