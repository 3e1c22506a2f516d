import Testing

/// Our endpoints against mbed TLS 2.28 through an ``ImpairmentProxy`` losing a fifth of the
/// datagrams each way, duplicating, reordering and delaying others: the handshake completes
/// and each message arrives exactly once.
@Suite("lossy path with mbed TLS", .requires(.mbedtls), .timeLimit(.minutes(2)))
struct LossyMbedTLSTests {
    @Test("our client with the mbed TLS server")
    func ourClient() async throws {
        let peer = try await MbedTLSServer.start(key: .shared)
        defer { peer.process.stop() }
        let proxy = try await LossyPath.proxy(to: peer.port)
        defer { proxy.stop() }
        try await LossyPath.exchangeAsClient(through: proxy)
        #expect(peer.process.standardOutput.lines.filter { $0.hasPrefix("HANDSHAKE OK") }.count == 1)
    }

    @Test("our server with the mbed TLS client")
    func ourServer() async throws {
        try await LossyPath.exchangeAsServer(
            peer: "the mbed TLS client",
            start: { port in try MbedTLSClient.start(port: port, key: .shared, timeout: LossyPath.handshakeTimeout) },
            handshakeCompleted: { await $0.standardOutput.waitUntil(contains: "HANDSHAKE OK", timeout: LossyPath.handshakeTimeout) },
            echoes: { PythonPeer.echoes(in: $0.standardOutput) }
        )
    }
}
