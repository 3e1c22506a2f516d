import DTLSCore
import DTLSSimulation
import NIOCore
import Testing

/// Every suite in the table completes a handshake and carries data both ways in memory.
@Suite("Cipher suites")
struct CipherSuiteCoverageTests {
    static let pskSuites: [CipherSuite] = [.pskWithAES128CCM8, .pskWithChaCha20Poly1305SHA256, .ecdhePSKWithAES128CCM8SHA256, .ecdhePSKWithChaCha20Poly1305SHA256]
    static let publicKeySuites: [CipherSuite] = [.ecdheECDSAWithAES128CCM8, .ecdheECDSAWithAES128GCMSHA256, .ecdheECDSAWithChaCha20Poly1305SHA256]

    private func exchange(_ pair: SimulatedPair, suite: CipherSuite) throws {
        #expect(pair.runHandshake())
        #expect(pair.clientSession?.cipherSuite == suite)
        #expect(pair.serverSession?.cipherSuite == suite)
        try pair.send(Array("to server".utf8), from: .client)
        try pair.send(Array("to client".utf8), from: .server)
        pair.run(until: { pair.serverReceived.count == 1 && pair.clientReceived.count == 1 })
        #expect(pair.received(on: .server) == ["to server"])
        #expect(pair.received(on: .client) == ["to client"])
    }

    @Test("PSK and ECDHE_PSK suites", arguments: pskSuites)
    func psk(suite: CipherSuite) throws {
        var client = Fixtures.client()
        client.cipherSuites = [suite]
        var server = Fixtures.server()
        server.cipherSuites = Self.pskSuites
        server.pskIdentityHint = Array("hint".utf8)
        let pair = try SimulatedPair(client: client, server: server)
        try exchange(pair, suite: suite)
        #expect(pair.serverSession?.pskIdentity == Fixtures.identity)
        let serverMessages = pair.handshakeFragments(from: .server).map(\.messageType)
        #expect(serverMessages.contains(.serverKeyExchange))
    }

    @Test("ECDHE_ECDSA suites", arguments: publicKeySuites)
    func publicKey(suite: CipherSuite) throws {
        var client = PublicKeyHandshakeTests.client()
        client.cipherSuites = [suite]
        var server = PublicKeyHandshakeTests.server()
        server.cipherSuites = Self.publicKeySuites
        try exchange(try SimulatedPair(client: client, server: server), suite: suite)
    }

    @Test("ECDHE_PSK gives different keys each time even with the same PSK (RFC 7925 §9)")
    func forwardSecrecy() throws {
        var points: Set<[UInt8]> = []
        for _ in 0..<2 {
            var client = Fixtures.client()
            client.cipherSuites = [.ecdhePSKWithAES128CCM8SHA256]
            var server = Fixtures.server()
            server.cipherSuites = [.ecdhePSKWithAES128CCM8SHA256]
            let pair = try SimulatedPair(client: client, server: server)
            #expect(pair.runHandshake())
            let keyExchange = try #require(pair.handshakeFragments(from: .client).first { $0.messageType == .clientKeyExchange })
            points.insert(keyExchange.bytes)
        }
        #expect(points.count == 2)
    }

    @Test("a ChaCha20-Poly1305 record has no explicit nonce: 13 + payload + 16 bytes")
    func chachaRecordSize() throws {
        var client = Fixtures.client()
        client.cipherSuites = [.pskWithChaCha20Poly1305SHA256]
        var server = Fixtures.server()
        server.cipherSuites = [.pskWithChaCha20Poly1305SHA256]
        let pair = try SimulatedPair(client: client, server: server)
        #expect(pair.runHandshake())
        let index = try pair.send(Array(repeating: 0, count: 10), from: .client)
        #expect(pair.transmissions[index].datagram.readableBytes == 13 + 10 + 16)
    }
}
