import Testing

@testable import DTLSCore

@Suite("Hello extension block codec")
struct HelloExtensionsTests {
    static let bytes = [UInt8](hex: "0010 1234 0003 010203 0017 0000 ff01 0001 00")

    @Test("an empty block is a zero length")
    func empty() throws {
        try expectCodec(HelloExtensions(), [0x00, 0x00])
    }

    @Test("entries keep their order, types and raw bodies")
    func byteVector() throws {
        var extensions = HelloExtensions()
        extensions.append(type: ExtensionType(rawValue: 0x1234), body: [1, 2, 3])
        extensions.set(ExtendedMasterSecretExtension())
        extensions.set(RenegotiationInfoExtension())
        try expectCodec(extensions, Self.bytes)
        #expect(extensions.types == [ExtensionType(rawValue: 0x1234), .extendedMasterSecret, .renegotiationInfo])
    }

    @Test("unknown extensions round-trip verbatim")
    func unknown() throws {
        let bytes = [UInt8](hex: "000f fffe 0000 0001 0002 aabb 9999 0001 cc")
        let extensions = try decode(HelloExtensions.self, bytes)
        #expect(extensions.entries.map(\.body) == [[], [0xAA, 0xBB], [0xCC]])
        #expect(encode(extensions) == bytes)
        try expectRoundTrip(extensions)
    }

    @Test("no strict prefix decodes; trailing bytes are rejected")
    func framing() {
        expectStrictPrefixesFail(HelloExtensions.self, Self.bytes)
        #expect(decodeFailure(HelloExtensions.self, Self.bytes + [0]) == .trailingBytes)
    }

    @Test("lengths pointing past the end are truncated")
    func lengthsPastEnd() {
        #expect(decodeFailure(HelloExtensions.self, [UInt8](hex: "0005 0017 0000")) == .truncated)
        #expect(decodeFailure(HelloExtensions.self, [UInt8](hex: "0004 0017 0001")) == .truncated)
        #expect(decodeFailure(HelloExtensions.self, [UInt8](hex: "0003 0017 00")) == .truncated)
    }

    @Test("a duplicate extension type is illegal, even with different bodies")
    func duplicates() {
        #expect(decodeFailure(HelloExtensions.self, [UInt8](hex: "0008 0017 0000 0017 0000")) == .illegalValue)
        #expect(decodeFailure(HelloExtensions.self, [UInt8](hex: "000d 1234 0001 aa 0017 0000 1234 0000")) == .illegalValue)
    }

    @Test("typed access decodes the body, reports absence, and rejects malformed bodies")
    func typedAccess() throws {
        let extensions = try decode(HelloExtensions.self, [UInt8](hex: "000a 0017 0001 00 ff01 0001 00"))
        #expect(extensions.contains(.renegotiationInfo))
        #expect(!extensions.contains(.serverName))
        #expect(try extensions.get(RenegotiationInfoExtension.self) == RenegotiationInfoExtension())
        #expect(try extensions.get(ServerNameExtension.self) == nil)
        let error = #expect(throws: DecodeError.self) { try extensions.get(ExtendedMasterSecretExtension.self) }
        #expect(error?.reason == .trailingBytes)
    }

    @Test("set replaces an existing entry in place instead of adding a second")
    func setReplaces() throws {
        var extensions = HelloExtensions()
        extensions.set(ServerNameExtension(hostName: "a.example"))
        extensions.set(ExtendedMasterSecretExtension())
        extensions.set(ServerNameExtension(hostName: "b.example"))
        #expect(extensions.types == [.serverName, .extendedMasterSecret])
        #expect(try extensions.get(ServerNameExtension.self)?.hostName == "b.example")
        try expectRoundTrip(extensions)
    }
}
