import DTLSCore
import DTLSSimulation
import NIOCore
import Testing

@Suite("PSK handshake in memory")
struct HandshakeScenarioTests {
    @Test("client and server complete a PSK handshake with cookie exchange and exchange data")
    func handshakeAndData() throws {
        let pair = try SimulatedPair(client: Fixtures.client(), server: Fixtures.server())
        #expect(pair.runHandshake())
        #expect(pair.clientSession?.cipherSuite == .pskWithAES128CCM8)
        #expect(pair.clientSession?.extendedMasterSecret == true)
        #expect(pair.serverSession?.pskIdentity == Fixtures.identity)

        try pair.send(Array("hello".utf8), from: .client)
        try pair.send(Array("world".utf8), from: .server)
        pair.run(until: { pair.serverReceived.count == 1 && pair.clientReceived.count == 1 })
        #expect(pair.serverReceived.map { String(buffer: $0) } == ["hello"])
        #expect(pair.clientReceived.map { String(buffer: $0) } == ["world"])
    }
}
