import Testing

@testable import DTLSCore

@Suite("NewSessionTicket and ECDHE_PSK key exchange codecs")
struct SessionMessagesTests {
    static let ticketBytes = [UInt8](hex: "00001c20 0003 aabbcc")

    @Test("NewSessionTicket: lifetime hint and a length-prefixed ticket (RFC 5077 §3.3)")
    func newSessionTicket() throws {
        try expectCodec(NewSessionTicket(lifetimeHint: 7200, ticket: [0xAA, 0xBB, 0xCC]), Self.ticketBytes)
        try expectCodec(NewSessionTicket(lifetimeHint: 0, ticket: []), [0, 0, 0, 0, 0, 0])
        expectStrictPrefixesFail(NewSessionTicket.self, Self.ticketBytes)
        #expect(decodeFailure(NewSessionTicket.self, Self.ticketBytes + [0]) == .trailingBytes)
        #expect(decodeFailure(NewSessionTicket.self, [UInt8](hex: "00001c20 0004 aabbcc")) == .truncated)
    }

    static let point: [UInt8] = [0x04] + Array(repeating: 0x11, count: 64)
    static let serverBytes = [UInt8](hex: "0002 6869 03 0017 41") + point
    static let clientBytes = [UInt8](hex: "0003 646576 41") + point

    @Test("ECDHE_PSK ServerKeyExchange: hint, then unsigned named-curve parameters (RFC 5489 §2)")
    func serverKeyExchange() throws {
        let message = ECDHEPSKServerKeyExchange(identityHint: Array("hi".utf8), parameters: ServerECDHParameters(group: .secp256r1, publicPoint: Self.point))
        try expectCodec(message, Self.serverBytes)
        try expectRoundTrip(ECDHEPSKServerKeyExchange(identityHint: [], parameters: message.parameters))
        expectStrictPrefixesFail(ECDHEPSKServerKeyExchange.self, Self.serverBytes)
        #expect(decodeFailure(ECDHEPSKServerKeyExchange.self, Self.serverBytes + [0]) == .trailingBytes)
        var explicitCurve = Self.serverBytes
        explicitCurve[4] = 0x01
        #expect(decodeFailure(ECDHEPSKServerKeyExchange.self, explicitCurve) == .illegalValue)
    }

    @Test("ECDHE_PSK ClientKeyExchange: identity, then the client's point")
    func clientKeyExchange() throws {
        try expectCodec(ECDHEPSKClientKeyExchange(identity: Array("dev".utf8), publicPoint: Self.point), Self.clientBytes)
        expectStrictPrefixesFail(ECDHEPSKClientKeyExchange.self, Self.clientBytes)
        #expect(decodeFailure(ECDHEPSKClientKeyExchange.self, Self.clientBytes + [0]) == .trailingBytes)
        #expect(decodeFailure(ECDHEPSKClientKeyExchange.self, [UInt8](hex: "0000 00")) == .lengthOutOfRange)
    }
}
