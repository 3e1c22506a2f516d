import Testing

@testable import DTLSCore

@Suite("server_name extension codec (RFC 6066 §3)")
struct ServerNameExtensionTests {
    static let bytes = [UInt8](hex: "000e 00 000b 6578616d706c652e636f6d")

    @Test("a client sends a one-entry list with a host_name")
    func byteVector() throws {
        try expectCodec(ServerNameExtension(hostName: "example.com"), Self.bytes)
        try expectRoundTrip(ServerNameExtension(hostName: "a"))
    }

    @Test("a server acknowledges with an empty body")
    func acknowledgement() throws {
        try expectCodec(ServerNameAcknowledgement(), [])
        #expect(decodeFailure(ServerNameAcknowledgement.self, [0x00]) == .trailingBytes)
        #expect(ServerNameAcknowledgement.extensionType == ServerNameExtension.extensionType)
    }

    @Test("no strict prefix decodes; trailing bytes are rejected")
    func framing() {
        expectStrictPrefixesFail(ServerNameExtension.self, Self.bytes)
        #expect(decodeFailure(ServerNameExtension.self, Self.bytes + [0]) == .trailingBytes)
    }

    @Test("lengths pointing past the end are truncated")
    func lengthsPastEnd() {
        #expect(decodeFailure(ServerNameExtension.self, [UInt8](hex: "000f 00 000b 6578616d706c652e636f6d")) == .truncated)
        #expect(decodeFailure(ServerNameExtension.self, [UInt8](hex: "000e 00 000c 6578616d706c652e636f6d")) == .truncated)
    }

    @Test("an empty list or an empty name is out of range")
    func emptyLengths() {
        #expect(decodeFailure(ServerNameExtension.self, [0x00, 0x00]) == .lengthOutOfRange)
        #expect(decodeFailure(ServerNameExtension.self, [UInt8](hex: "0003 00 0000")) == .lengthOutOfRange)
    }

    @Test("names of other types are skipped")
    func otherNameTypes() throws {
        let bytes = [UInt8](hex: "0013 07 0002 aabb 00 000b 6578616d706c652e636f6d")
        #expect(try decode(ServerNameExtension.self, bytes).hostName == "example.com")
    }

    @Test("a list without a host_name is illegal")
    func noHostName() {
        #expect(decodeFailure(ServerNameExtension.self, [UInt8](hex: "0005 07 0002 aabb")) == .illegalValue)
    }

    @Test("two host names are illegal")
    func twoHostNames() {
        #expect(decodeFailure(ServerNameExtension.self, [UInt8](hex: "0008 00 0001 61 00 0001 62")) == .illegalValue)
    }

    @Test("host names with control, space or non-ASCII bytes are illegal", arguments: [0x00, 0x20, 0x7F, 0xC3] as [UInt8])
    func nonASCII(byte: UInt8) {
        #expect(decodeFailure(ServerNameExtension.self, [0x00, 0x06, 0x00, 0x00, 0x03, 0x61, byte, 0x62]) == .illegalValue)
    }
}
