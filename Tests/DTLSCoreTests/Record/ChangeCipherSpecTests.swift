import Testing

@testable import DTLSCore

@Suite("ChangeCipherSpec codec")
struct ChangeCipherSpecTests {
    @Test("is the single byte 01")
    func byteVector() throws {
        try expectCodec(ChangeCipherSpec(), [0x01])
        try expectRoundTrip(ChangeCipherSpec())
    }

    @Test("any other value is an illegal parameter", arguments: [0x00, 0x02, 0xFF] as [UInt8])
    func otherValues(value: UInt8) {
        #expect(decodeFailure(ChangeCipherSpec.self, [value]) == .illegalValue)
    }

    @Test("empty input is truncated, a second byte is trailing")
    func framing() {
        expectStrictPrefixesFail(ChangeCipherSpec.self, [0x01])
        #expect(decodeFailure(ChangeCipherSpec.self, []) == .truncated)
        #expect(decodeFailure(ChangeCipherSpec.self, [0x01, 0x01]) == .trailingBytes)
    }
}
