import DTLSCore
import DTLSSimulation
import Testing

/// Many seeded handshakes over links that lose 30% of datagrams in each direction and also
/// reorder and duplicate them, each followed by an exactly-once data check. Everything runs on
/// the simulation's virtual clock, so a seed always replays the same way.
@Suite("Soak: seeded handshakes over lossy links")
struct SoakTests {
    static let link = LinkConditions(lossRate: 0.3, duplicationRate: 0.1, reorderRate: 0.2)

    /// The retransmission budget, N = 22.
    ///
    /// Every flight here fits one datagram (MTU 1232), so one attempt at a flight succeeds when
    /// the flight and the answer to it both get through: 0.7 × 0.7 = 0.49. A side gives up only
    /// after N + 1 attempts in a row fail: 0.51^(N+1). A handshake has four such waits (the client
    /// for flights 2, 4 and 6, the server for flight 5), and the soak runs 1,200 handshakes, so
    /// the expected number of handshakes failing by bad luck alone is at most
    /// 1,200 × 4 × 0.51^23 ≈ 4,800 × 1.9e-7 ≈ 0.0009: a failure here points at a bug.
    /// (Duplication and the peer's own retransmissions only add chances.)
    static let retransmission = RetransmissionPolicy(initialTimeout: .seconds(1), maximumRetransmissions: 22)

    /// Comfortably above four full retransmission budgets (4 × (63 + 17 × 60) s = 4,332 s), so
    /// only the library's own timers can end a handshake.
    static let handshakeTimeLimit = Duration.seconds(2 * 3600)

    /// Application messages sent each way after every handshake.
    static let messagesEachWay = 10

    /// Runs one seeded handshake, checks data delivery, and returns the pair for totals.
    private func soak(_ pair: SimulatedPair, seed: UInt64) throws -> SimulatedPair {
        let completed = pair.runHandshake(timeLimit: Self.handshakeTimeLimit)
        #expect(completed, "seed \(seed): handshake failed: client \(String(describing: pair.clientClosed)), server \(String(describing: pair.serverClosed))")
        if completed {
            try pair.expectExactlyOnceDelivery(count: Self.messagesEachWay, context: "seed \(seed)")
        }
        return pair
    }

    /// Checks that the link really was as bad as configured, so a pass means something.
    private func expectLossy(_ pairs: [SimulatedPair]) {
        let transmissions = pairs.flatMap(\.transmissions)
        let lost = transmissions.filter { $0.copies == 0 }.count
        let lossRate = Double(lost) / Double(transmissions.count)
        #expect((0.25...0.35).contains(lossRate), "observed loss rate \(lossRate)")
        #expect(pairs.contains { $0.client.statistics.flightRetransmissions > 0 })
        #expect(transmissions.contains { $0.copies == 2 })
    }

    private static func seeds(batch: Int, size: Int) -> [UInt64] {
        (0..<size).map { UInt64(batch * size + $0 + 1) }
    }

    @Test("1,000 PSK handshakes with the cookie exchange, 30% loss each way, reordering and duplication", arguments: 0..<10)
    func psk(batch: Int) throws {
        var pairs: [SimulatedPair] = []
        for seed in Self.seeds(batch: batch, size: 100) {
            var client = Fixtures.client(seed: seed)
            client.retransmission = Self.retransmission
            var server = Fixtures.server(seed: seed &+ 1_000_000, cookies: .enabled)
            server.retransmission = Self.retransmission
            let pair = try SimulatedPair(client: client, server: server, clientToServer: Self.link, serverToClient: Self.link, seed: seed)
            pairs.append(try soak(pair, seed: seed))
        }
        expectLossy(pairs)
    }

    @Test("200 ECDHE_ECDSA handshakes with raw public keys both ways and the cookie exchange, over the same links", arguments: 0..<4)
    func ecdhe(batch: Int) throws {
        var pairs: [SimulatedPair] = []
        for seed in Self.seeds(batch: batch, size: 50) {
            var client = ECDHEScript.clientConfiguration(ownKey: ECDHEScript.clientKey)
            client.randomSource = SeededRandomSource(seed: seed)
            client.retransmission = Self.retransmission
            var server = ECDHEScript.serverConfiguration(clientAuthentication: .required)
            server.randomSource = SeededRandomSource(seed: seed &+ 1_000_000)
            server.cookieExchange = .enabled
            server.retransmission = Self.retransmission
            let pair = try SimulatedPair(client: client, server: server, clientToServer: Self.link, serverToClient: Self.link, seed: seed)
            let done = try soak(pair, seed: seed)
            #expect(done.serverSession?.clientAuthenticated == true, "seed \(seed)")
            pairs.append(done)
        }
        expectLossy(pairs)
    }
}
