import Testing

@testable import DTLSCore

@Suite("PSK ServerKeyExchange and ClientKeyExchange codecs (RFC 4279 §2)")
struct PSKKeyExchangeTests {
    static let identityBytes = [UInt8](hex: "000f 436c69656e745f6964656e74697479")

    @Test("ClientKeyExchange is the psk_identity vector")
    func clientByteVector() throws {
        try expectCodec(PSKClientKeyExchange(identity: Array("Client_identity".utf8)), Self.identityBytes)
        try expectCodec(PSKClientKeyExchange(identity: []), [0x00, 0x00])
    }

    @Test("ServerKeyExchange is the psk_identity_hint vector")
    func serverByteVector() throws {
        try expectCodec(PSKServerKeyExchange(identityHint: Array("hint".utf8)), [UInt8](hex: "0004 68696e74"))
        try expectCodec(PSKServerKeyExchange(identityHint: []), [0x00, 0x00])
    }

    @Test("round-trips identities up to 2^16 - 1 bytes")
    func roundTrip() throws {
        for length in [1, 255, 256, 0xFFFF] {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0) }
            try expectRoundTrip(PSKClientKeyExchange(identity: bytes))
            try expectRoundTrip(PSKServerKeyExchange(identityHint: bytes))
        }
    }

    @Test("no strict prefix decodes; trailing bytes are rejected")
    func framing() {
        expectStrictPrefixesFail(PSKClientKeyExchange.self, Self.identityBytes)
        expectStrictPrefixesFail(PSKServerKeyExchange.self, Self.identityBytes)
        #expect(decodeFailure(PSKClientKeyExchange.self, Self.identityBytes + [0]) == .trailingBytes)
        #expect(decodeFailure(PSKServerKeyExchange.self, Self.identityBytes + [0]) == .trailingBytes)
    }

    @Test("a length past the end is truncated")
    func lengthPastEnd() {
        let bytes = [UInt8](hex: "0010 436c69656e745f6964656e74697479")
        #expect(decodeFailure(PSKClientKeyExchange.self, bytes) == .truncated)
        #expect(decodeFailure(PSKServerKeyExchange.self, bytes) == .truncated)
    }
}
