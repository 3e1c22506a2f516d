import Testing

@testable import DTLSCore

@Suite("Alert codec")
struct AlertTests {
    @Test("level byte then description byte")
    func byteVectors() throws {
        try expectCodec(Alert(level: .fatal, description: .handshakeFailure), [0x02, 0x28])
        try expectCodec(Alert(level: .warning, description: .closeNotify), [0x01, 0x00])
        try expectCodec(Alert(level: .fatal, description: .decryptError), [0x02, 0x33])
    }

    @Test("unknown levels and descriptions round-trip unchanged")
    func unknownValues() throws {
        let alert = try decode(Alert.self, [0x07, 0xEE])
        #expect(alert.level.rawValue == 0x07)
        #expect(alert.alertDescription.rawValue == 0xEE)
        #expect(encode(alert) == [0x07, 0xEE])
        try expectRoundTrip(Alert(level: AlertLevel(rawValue: 0xFF), description: AlertDescription(rawValue: 0xFF)))
    }

    @Test("no strict prefix decodes; a third byte is trailing")
    func framing() {
        expectStrictPrefixesFail(Alert.self, [0x02, 0x28])
        #expect(decodeFailure(Alert.self, [0x02]) == .truncated)
        #expect(decodeFailure(Alert.self, [0x02, 0x28, 0x00]) == .trailingBytes)
    }

    @Test("describes itself with the RFC names")
    func description() {
        #expect(Alert(level: .fatal, description: .unknownPSKIdentity).description == "fatal unknown_psk_identity")
        #expect(Alert(level: AlertLevel(rawValue: 9), description: AlertDescription(rawValue: 200)).description == "level(9) alert(200)")
    }
}
