import DTLSCore
import DTLSSimulation
import NIOCore
import Testing

@Suite("PSK handshake in memory")
struct HandshakeScenarioTests {
    @Test("a PSK handshake with cookie exchange completes and data flows both ways")
    func handshakeAndData() throws {
        let pair = try SimulatedPair(client: Fixtures.client(), server: Fixtures.server())
        #expect(pair.runHandshake())
        #expect(pair.clientSession?.cipherSuite == .pskWithAES128CCM8)
        #expect(pair.clientSession?.extendedMasterSecret == true)
        #expect(pair.serverSession?.extendedMasterSecret == true)
        #expect(pair.serverSession?.pskIdentity == Fixtures.identity)
        #expect(pair.clientSession?.serverHelloExtensions.contains(.renegotiationInfo) == true)

        try pair.send(Array("hello".utf8), from: .client)
        try pair.send(Array("world".utf8), from: .server)
        pair.run(until: { pair.serverReceived.count == 1 && pair.clientReceived.count == 1 })
        #expect(pair.received(on: .server) == ["hello"])
        #expect(pair.received(on: .client) == ["world"])
    }

    @Test("the cookie exchange repeats the hello with the cookie and numbers messages as RFC 6347 says")
    func cookieExchange() throws {
        let pair = try SimulatedPair(client: Fixtures.client(), server: Fixtures.server())
        #expect(pair.runHandshake())
        let client = pair.handshakeFragments(from: .client)
        let server = pair.handshakeFragments(from: .server)
        #expect(client.map(\.messageType).prefix(3) == [.clientHello, .clientHello, .clientKeyExchange])
        #expect(client.map(\.messageSequence).prefix(3) == [0, 1, 2])
        #expect(server.map(\.messageType) == [.helloVerifyRequest, .serverHello, .serverHelloDone])
        #expect(server.map(\.messageSequence) == [0, 1, 2])

        // The HelloVerifyRequest reuses the record sequence number of the hello it answers.
        let clientRecords = pair.handshakeDatagrams(from: .client).flatMap { DTLSWireInspector.records(in: $0) }
        let serverRecords = pair.handshakeDatagrams(from: .server).flatMap { DTLSWireInspector.records(in: $0) }
        #expect(serverRecords.first?.sequenceNumber == clientRecords.first?.sequenceNumber)
        // The ServerHello continues from the second hello's record sequence number.
        #expect(serverRecords[1].sequenceNumber == clientRecords[1].sequenceNumber)
    }

    @Test("without the cookie exchange the ServerHello answers the first hello with message_seq 0")
    func withoutCookie() throws {
        let pair = try SimulatedPair(client: Fixtures.client(), server: Fixtures.server(cookies: .disabled))
        #expect(pair.runHandshake())
        let server = pair.handshakeFragments(from: .server)
        #expect(server.map(\.messageType) == [.serverHello, .serverHelloDone])
        #expect(server.map(\.messageSequence) == [0, 1])
        #expect(pair.handshakeDatagrams(from: .client).count + pair.handshakeDatagrams(from: .server).count == 4)
    }

    @Test("a ServerKeyExchange with an identity hint is accepted and reported")
    func identityHint() throws {
        var server = Fixtures.server()
        server.pskIdentityHint = Array("hint".utf8)
        let pair = try SimulatedPair(client: Fixtures.client(), server: server)
        #expect(pair.runHandshake())
        #expect(pair.clientSession?.pskIdentityHint == Array("hint".utf8))
        #expect(pair.handshakeFragments(from: .server).map(\.messageType).contains(.serverKeyExchange))
    }

    @Test("identities of 128 bytes with arbitrary bytes and keys of 64 bytes work", arguments: [1, 128])
    func longIdentities(identityLength: Int) throws {
        let identity = (0..<identityLength).map { UInt8(truncatingIfNeeded: $0 * 37 + 0xF0) }
        let key = (0..<64).map { UInt8(truncatingIfNeeded: $0 * 11) }
        var client = Fixtures.client()
        client.pskCredentials = PSKCredentials(identity: identity, key: key)
        var server = Fixtures.server()
        server.pskStore = StaticPSKStore(identity: identity, key: key)
        let pair = try SimulatedPair(client: client, server: server)
        #expect(pair.runHandshake())
        #expect(pair.serverSession?.pskIdentity == identity)
    }

    @Test("the server looks the key up by identity, compared byte for byte")
    func keyLookup() throws {
        let store = StaticPSKStore([Array("Client1".utf8): Array(repeating: 1, count: 16), Array("client1".utf8): Array(repeating: 2, count: 16)])
        var server = Fixtures.server()
        server.pskStore = store
        var client = Fixtures.client()
        client.pskCredentials = PSKCredentials(identity: "client1", key: Array(repeating: 2, count: 16))
        let pair = try SimulatedPair(client: client, server: server)
        #expect(pair.runHandshake())
        #expect(pair.serverSession?.pskIdentity == Array("client1".utf8))
    }

    @Test("a server name is sent and acknowledged")
    func serverName() throws {
        var client = Fixtures.client()
        client.serverName = "sensor.example"
        let pair = try SimulatedPair(client: client, server: Fixtures.server())
        #expect(pair.runHandshake())
        #expect(pair.serverSession?.serverName == "sensor.example")
        #expect(pair.clientSession?.serverHelloExtensions.contains(.serverName) == true)
    }

    @Test("close_notify ends both sides cleanly")
    func closeNotify() throws {
        let pair = try SimulatedPair(client: Fixtures.client(), server: Fixtures.server())
        #expect(pair.runHandshake())
        pair.close(.client)
        pair.run(until: { pair.serverClosed != nil })
        #expect(pair.clientClosed == .some(nil))
        #expect(pair.serverClosed == .some(nil))
        #expect(throws: DTLSError.self) { try pair.client.send(ByteBuffer(string: "late"), now: pair.now) }
    }

    @Test("sending before the handshake completes is refused without harming the connection")
    func sendTooEarly() throws {
        let pair = try SimulatedPair(client: Fixtures.client(), server: Fixtures.server())
        let error = #expect(throws: DTLSError.self) { try pair.client.send(ByteBuffer(string: "early"), now: pair.now) }
        #expect(error?.code == .notEstablished)
        #expect(pair.runHandshake())
    }

    @Test("application data larger than one record is refused")
    func recordTooLarge() throws {
        let pair = try SimulatedPair(client: Fixtures.client(), server: Fixtures.server())
        #expect(pair.runHandshake())
        let limit = pair.client.maximumApplicationDataSize
        #expect(limit == 1232 - 29)
        let error = #expect(throws: DTLSError.self) {
            try pair.client.send(ByteBuffer(repeating: 0, count: limit + 1), now: pair.now)
        }
        #expect(error?.code == .recordTooLarge)
        try pair.send(Array(repeating: 7, count: limit), from: .client)
        pair.run(until: { pair.serverReceived.count == 1 })
        #expect(pair.serverReceived.first?.readableBytes == limit)
    }
}
