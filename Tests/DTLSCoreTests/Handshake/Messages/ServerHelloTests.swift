import Testing

@testable import DTLSCore

@Suite("ServerHello codec")
struct ServerHelloTests {
    static var hello: ServerHello {
        var extensions = HelloExtensions()
        extensions.set(RenegotiationInfoExtension())
        return ServerHello(random: (0x20..<0x40).map { UInt8($0) }, sessionID: [1, 2, 3, 4], cipherSuite: .pskWithAES128CCM8, extensions: extensions)
    }

    static let bytes = [UInt8](
        hex: [
            "fefd",  // server_version: DTLS 1.2
            "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f",  // random
            "04 01020304",  // session_id
            "c0a8",  // cipher_suite: TLS_PSK_WITH_AES_128_CCM_8
            "00",  // compression_method: null
            "0005 ff01 0001 00",  // extensions: renegotiation_info
        ].joined()
    )
    /// Bytes up to and including compression_method.
    static let bytesWithoutExtensions = Array(bytes.prefix(42))

    @Test("encodes to the RFC 5246 §7.4.1.3 layout")
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
        let extremes = ServerHello(
            serverVersion: .dtls10,
            random: [UInt8](repeating: 0, count: 32),
            sessionID: [UInt8](repeating: 0xEE, count: 32),
            cipherSuite: CipherSuite(rawValue: 0xFFFF),
            compressionMethod: 0xFF
        )
        try expectRoundTrip(extremes)
        #expect(encode(try decode(ServerHello.self, Self.bytes)) == Self.bytes)
    }

    @Test("no strict prefix decodes, except the one ending before the optional extensions")
    func prefixes() {
        expectStrictPrefixesFail(ServerHello.self, Self.bytes, validPrefixes: [Self.bytesWithoutExtensions.count])
        expectStrictPrefixesFail(ServerHello.self, Self.bytesWithoutExtensions)
    }

    @Test("trailing bytes after the extensions are rejected")
    func trailing() {
        #expect(decodeFailure(ServerHello.self, Self.bytes + [0x00]) == .trailingBytes)
    }

    @Test("length fields pointing past the end are truncated")
    func lengthsPastEnd() {
        #expect(decodeFailure(ServerHello.self, Array(Self.bytes.prefix(34)) + [0x05, 1, 2, 3, 4]) == .truncated)  // session_id
        var extensionsTooLong = Self.bytes
        extensionsTooLong[43] = 0x06
        #expect(decodeFailure(ServerHello.self, extensionsTooLong) == .truncated)  // extensions
    }

    @Test("a session_id of 33 bytes is out of range")
    func sessionIDTooLong() {
        let bytes = Array(Self.bytes.prefix(34)) + [0x21] + [UInt8](repeating: 0x01, count: 33) + Array(Self.bytes[39...])
        #expect(decodeFailure(ServerHello.self, bytes) == .lengthOutOfRange)
    }

    @Test("a duplicate extension is illegal")
    func duplicateExtension() {
        let bytes = Self.bytesWithoutExtensions + [UInt8](hex: "000a ff01 0001 00 ff01 0001 00")
        #expect(decodeFailure(ServerHello.self, bytes) == .illegalValue)
    }

    @Test("unknown extensions round-trip verbatim")
    func unknownExtension() throws {
        let bytes = Self.bytesWithoutExtensions + [UInt8](hex: "0009 abcd 0000 ff01 0001 00")
        let hello = try decode(ServerHello.self, bytes)
        #expect(hello.extensions.types == [ExtensionType(rawValue: 0xABCD), .renegotiationInfo])
        #expect(encode(hello) == bytes)
    }
}
