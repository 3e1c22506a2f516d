import Testing

/// Our endpoints against tinydtls through an ``ImpairmentProxy`` losing a fifth of the
/// datagrams each way, duplicating, reordering and delaying others: the handshake completes
/// and each message arrives exactly once.
@Suite("lossy path with tinydtls", .requires(.tinydtls), .timeLimit(.minutes(2)))
struct LossyTinyDTLSTests {
    @Test("our server with the tinydtls client")
    func ourServer() async throws {
        try await LossyPath.exchangeAsServer(
            peer: "the tinydtls client",
            start: { port in try TinyDTLSClient.start(port: port, key: .shared, timeout: LossyPath.handshakeTimeout) },
            handshakeCompleted: { await $0.standardOutput.waitUntil(contains: "HANDSHAKE OK", timeout: LossyPath.handshakeTimeout) },
            echoes: { PythonPeer.echoes(in: $0.standardOutput) }
        )
    }

    /// The tinydtls server cannot survive loss of its own flights: it starts over on every
    /// ClientHello with a valid cookie (so a lost ServerHelloDone, or a duplicated ClientHello,
    /// leaves the two sides with different randoms), and once it has sent its Finished it
    /// forgets the handshake, so it never sends that flight again when ours is repeated
    /// (RFC 6347 §4.2.4 asks it to). This test therefore uses the first seed under which the
    /// handshake's datagrams pass unharmed (two ClientHellos and our Finished flight one way;
    /// HelloVerifyRequest, ServerHello, ServerHelloDone, ChangeCipherSpec and Finished, one per
    /// datagram, the other) and one of the first eight echoes is copied: the loss starts with
    /// the application data.
    @Test("our client with the tinydtls server, loss after the handshake")
    func ourClient() async throws {
        let seed = try #require((1...UInt64(100_000)).first { seed in
            let toServer = ImpairmentProxy.decisions(LossyPath.impairment, seed: seed, .toServer, count: 3)
            let toClient = ImpairmentProxy.decisions(LossyPath.impairment, seed: seed, .toClient, count: 13)
            return toServer.allSatisfy(\.isClean) && toClient.prefix(5).allSatisfy(\.isClean)
                && toClient.dropFirst(5).contains { $0.copyDelay != nil }
        })
        let peer = try await TinyDTLSServer.start(key: .shared)
        defer { peer.process.stop() }
        let proxy = try await LossyPath.proxy(to: peer.port, seed: seed)
        defer { proxy.stop() }

        try await LossyPath.exchangeAsClient(through: proxy)
        #expect(peer.process.standardOutput.lines.filter { $0.hasPrefix("HANDSHAKE OK") }.count == 1)
    }
}
