import Testing

@testable import DTLSCore

@Suite("renegotiation_info extension codec (RFC 5746 §3.2)")
struct RenegotiationInfoTests {
    @Test("an initial handshake sends the single byte 00")
    func initial() throws {
        try expectCodec(RenegotiationInfoExtension(), [0x00])
        #expect(RenegotiationInfoExtension.extensionType.rawValue == 0xFF01)
    }

    @Test("a renegotiated_connection value round-trips")
    func withValue() throws {
        var value = RenegotiationInfoExtension()
        value.renegotiatedConnection = [0xAA, 0xBB, 0xCC]
        try expectCodec(value, [0x03, 0xAA, 0xBB, 0xCC])
        value.renegotiatedConnection = [UInt8](repeating: 1, count: 255)
        try expectRoundTrip(value)
    }

    @Test("an empty body or a length past the end is truncated; extra bytes are trailing")
    func framing() {
        expectStrictPrefixesFail(RenegotiationInfoExtension.self, [0x03, 0xAA, 0xBB, 0xCC])
        #expect(decodeFailure(RenegotiationInfoExtension.self, []) == .truncated)
        #expect(decodeFailure(RenegotiationInfoExtension.self, [0x02, 0xAA]) == .truncated)
        #expect(decodeFailure(RenegotiationInfoExtension.self, [0x00, 0x00]) == .trailingBytes)
    }
}
