import Testing

@testable import DTLSCore

@Suite("connection_id, max_fragment_length, record_size_limit and session_ticket codecs")
struct SessionExtensionsTests {
    @Test("connection_id carries a 0 to 255-byte ID behind a one-byte length (RFC 9146 §3)")
    func connectionID() throws {
        try expectCodec(ConnectionIDExtension([0xDE, 0xAD, 0x01]), [0x03, 0xDE, 0xAD, 0x01])
        try expectCodec(ConnectionIDExtension([]), [0x00])
        try expectRoundTrip(ConnectionIDExtension(Array(repeating: 7, count: 255)))
        expectStrictPrefixesFail(ConnectionIDExtension.self, [0x03, 0xDE, 0xAD, 0x01])
        #expect(decodeFailure(ConnectionIDExtension.self, [0x01, 0xAA, 0xBB]) == .trailingBytes)
        #expect(decodeFailure(ConnectionIDExtension.self, [0x04, 0xAA]) == .truncated)
    }

    @Test("connection_id is looked up under the code point asked for")
    func connectionIDCodePoints() throws {
        var extensions = HelloExtensions()
        extensions.setConnectionID(ConnectionIDExtension([1, 2]), codePoint: .mbedTLSCompatibility)
        #expect(extensions.types == [ExtensionType(rawValue: 254)])
        #expect(try extensions.connectionID(.mbedTLSCompatibility) == ConnectionIDExtension([1, 2]))
        #expect(try extensions.connectionID(.rfc9146) == nil)
        var malformed = HelloExtensions()
        malformed.append(type: .connectionID, body: [0x05, 1])
        #expect(throws: DTLSError.self) { try malformed.connectionID(.rfc9146) }
    }

    @Test("max_fragment_length is one code; codes outside 1...4 decode but name no length")
    func maxFragmentLength() throws {
        try expectCodec(MaxFragmentLengthExtension(.bytes512), [0x01])
        try expectCodec(MaxFragmentLengthExtension(.bytes4096), [0x04])
        #expect(try decode(MaxFragmentLengthExtension.self, [0x05]).length == nil)
        #expect(try decode(MaxFragmentLengthExtension.self, [0x02]).length?.bytes == 1024)
        #expect(decodeFailure(MaxFragmentLengthExtension.self, []) == .truncated)
        #expect(decodeFailure(MaxFragmentLengthExtension.self, [0x01, 0x00]) == .trailingBytes)
        #expect(MaximumFragmentLength(bytes: 2048) == .bytes2048 && MaximumFragmentLength(bytes: 1000) == nil)
    }

    @Test("record_size_limit is a uint16 of at least 64; DTLS 1.2 caps its effect at 2^14")
    func recordSizeLimit() throws {
        try expectCodec(RecordSizeLimitExtension(256), [0x01, 0x00])
        try expectCodec(RecordSizeLimitExtension(64), [0x00, 0x40])
        #expect(try decode(RecordSizeLimitExtension.self, [0xFF, 0xFF]).effectiveLimit == 1 << 14)
        #expect(decodeFailure(RecordSizeLimitExtension.self, [0x00, 0x3F]) == .illegalValue)
        expectStrictPrefixesFail(RecordSizeLimitExtension.self, [0x01, 0x00])
        #expect(decodeFailure(RecordSizeLimitExtension.self, [0x01, 0x00, 0x00]) == .trailingBytes)
    }

    @Test("session_ticket is the bare ticket, empty to ask for one")
    func sessionTicket() throws {
        try expectCodec(SessionTicketExtension(), [])
        try expectCodec(SessionTicketExtension(ticket: [1, 2, 3]), [1, 2, 3])
    }
}
