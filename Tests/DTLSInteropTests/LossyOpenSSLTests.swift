import Testing

/// Our endpoints against OpenSSL through an ``ImpairmentProxy`` losing a fifth of the
/// datagrams each way, duplicating, reordering and delaying others: the handshake completes
/// and each message arrives exactly once.
///
/// s_server and s_client run with `-nbio`: reading their socket blocking, they discard a
/// replayed record inside SSL_read and then wait there for the next datagram instead of
/// reading their standard input, which stalls the exchange.
@Suite("lossy path with OpenSSL", .requires(.openssl), .timeLimit(.minutes(2)))
struct LossyOpenSSLTests {
    @Test("our client with s_server")
    func ourClient() async throws {
        let peer = try await OpenSSLServer.start(key: .shared, options: ["-nbio"])
        defer { peer.process.stop() }
        let proxy = try await LossyPath.proxy(to: peer.port)
        defer { proxy.stop() }
        // s_server has no echo mode: type back every message it prints.
        let typist = OpenSSLServer.echoLines(of: peer, where: LossyPath.isPayload)
        defer { typist.cancel() }

        try await LossyPath.exchangeAsClient(
            through: proxy,
            lineEnding: "\n",
            peerLog: (name: "s_server", lines: { peer.process.standardOutput.lines })
        )
    }

    @Test("our server with s_client")
    func ourServer() async throws {
        try await LossyPath.exchangeAsServer(
            peer: "s_client",
            start: { port in try OpenSSLClient.start(port: port, key: .shared, options: ["-nbio", "-state"]) },
            // With -state it reports its handshake steps on standard error.
            handshakeCompleted: { await $0.standardError.waitUntil(contains: "SSL_connect:SSLv3/TLS read finished", timeout: LossyPath.handshakeTimeout) },
            echoes: { $0.standardOutput.lines }
        )
    }
}
