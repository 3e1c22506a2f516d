import Testing

/// Our endpoints against GnuTLS through an ``ImpairmentProxy`` losing a fifth of the
/// datagrams each way, duplicating, reordering and delaying others: the handshake completes
/// and each message arrives exactly once.
@Suite("lossy path with GnuTLS", .timeLimit(.minutes(2)))
struct LossyGnuTLSTests {
    @Test("our client with gnutls-serv", .requires(.gnutlsServer))
    func ourClient() async throws {
        let peer = try await GnuTLSServer.start(key: .shared, cookieExchange: true)
        defer { peer.stop() }
        let proxy = try await LossyPath.proxy(to: peer.port)
        defer { proxy.stop() }
        try await LossyPath.exchangeAsClient(through: proxy)
    }

    @Test("our server with gnutls-cli", .requires(.gnutlsClient))
    func ourServer() async throws {
        try await LossyPath.exchangeAsServer(
            peer: "gnutls-cli",
            start: { port in try GnuTLSClient.start(port: port, key: .shared) },
            handshakeCompleted: { await $0.standardOutput.waitUntil(contains: "- Handshake was completed", timeout: LossyPath.handshakeTimeout) },
            echoes: { $0.standardOutput.lines }
        )
    }
}
