import Testing

@testable import DTLSCore

@Suite("HelloVerifyRequest codec")
struct HelloVerifyRequestTests {
    static let bytes = [UInt8](hex: "feff 03 010203")

    @Test("server_version then the cookie vector; DTLS 1.0 by default (RFC 6347 §4.2.1)")
    func byteVector() throws {
        try expectCodec(HelloVerifyRequest(cookie: [1, 2, 3]), Self.bytes)
        try expectCodec(HelloVerifyRequest(serverVersion: .dtls12, cookie: []), [0xFE, 0xFD, 0x00])
    }

    @Test("round-trips cookies of 0 to 255 bytes")
    func roundTrip() throws {
        for length in [0, 1, 32, 255] {
            try expectRoundTrip(HelloVerifyRequest(cookie: [UInt8](repeating: 0x5C, count: length)))
        }
    }

    @Test("no strict prefix decodes; trailing bytes are rejected")
    func framing() {
        expectStrictPrefixesFail(HelloVerifyRequest.self, Self.bytes)
        #expect(decodeFailure(HelloVerifyRequest.self, Self.bytes + [0]) == .trailingBytes)
    }

    @Test("a cookie length past the end is truncated")
    func cookiePastEnd() {
        #expect(decodeFailure(HelloVerifyRequest.self, [UInt8](hex: "feff 04 010203")) == .truncated)
        #expect(decodeFailure(HelloVerifyRequest.self, [UInt8](hex: "feff ff")) == .truncated)
    }
}
