import DTLSCore
import DTLSSimulation
import NIOCore
import Testing

/// Handshakes and data over links that lose, duplicate and reorder datagrams.
///
/// Application records are not retransmitted by DTLS, so "nothing lost" means: every record
/// whose datagram the link delivered at least once is delivered to the application exactly once
/// (see ``SimulatedPair/expectExactlyOnceDelivery(count:context:sourceLocation:)``).
@Suite("Lossy networks")
struct LossyNetworkTests {
    private static let seeds: [UInt64] = Array(1...40)

    private func pair(seed: UInt64, link: LinkConditions, mtu: Int = 1232, cookies: CookieExchange = .enabled) throws -> SimulatedPair {
        var client = Fixtures.client(seed: seed, mtu: mtu)
        client.retransmission = Fixtures.patientRetransmission
        var server = Fixtures.server(seed: seed &+ 1000, mtu: mtu, cookies: cookies)
        server.retransmission = Fixtures.patientRetransmission
        return try SimulatedPair(client: client, server: server, clientToServer: link, serverToClient: link, seed: seed)
    }

    @Test("30% loss in both directions", arguments: seeds)
    func loss(seed: UInt64) throws {
        let pair = try pair(seed: seed, link: LinkConditions(lossRate: 0.3))
        #expect(pair.runHandshake())
        try pair.expectExactlyOnceDelivery(count: 10)
    }

    @Test("reordering", arguments: seeds)
    func reordering(seed: UInt64) throws {
        let pair = try pair(seed: seed, link: LinkConditions(reorderRate: 0.5, reorderDelay: .milliseconds(25)))
        #expect(pair.runHandshake())
        try pair.expectExactlyOnceDelivery(count: 10)
    }

    @Test("duplication", arguments: seeds)
    func duplication(seed: UInt64) throws {
        let pair = try pair(seed: seed, link: LinkConditions(duplicationRate: 0.5))
        #expect(pair.runHandshake())
        try pair.expectExactlyOnceDelivery(count: 10)
        #expect((pair.serverConnection?.statistics.drops(.replayed) ?? 0) + pair.client.statistics.drops(.replayed) > 0)
    }

    @Test("loss, duplication and reordering together", arguments: seeds)
    func everything(seed: UInt64) throws {
        let link = LinkConditions(lossRate: 0.3, duplicationRate: 0.2, reorderRate: 0.3)
        let pair = try pair(seed: seed, link: link)
        #expect(pair.runHandshake())
        try pair.expectExactlyOnceDelivery(count: 10)
    }

    @Test("an MTU of 64 fragments every flight, over a lossy, reordering link", arguments: seeds.prefix(10))
    func tinyMTU(seed: UInt64) throws {
        let link = LinkConditions(lossRate: 0.1, duplicationRate: 0.1, reorderRate: 0.3)
        let pair = try pair(seed: seed, link: link, mtu: 64, cookies: .disabled)
        #expect(pair.runHandshake())
        #expect(pair.transmissions.allSatisfy { $0.datagram.readableBytes <= 64 })
        // The hellos do not fit in one 64-byte datagram, so both were sent in fragments.
        #expect(pair.handshakeFragments(from: .client).contains { $0.messageType == .clientHello && $0.fragmentLength < $0.messageLength })
        #expect(pair.handshakeFragments(from: .server).contains { $0.messageType == .serverHello && $0.fragmentLength < $0.messageLength })
        try pair.expectExactlyOnceDelivery(count: 3)
    }

    @Test("a ClientHello too large for one datagram is refused when cookies are on")
    func fragmentedHelloWithCookies() throws {
        var client = Fixtures.client(mtu: 64)
        client.handshakeTimeout = .seconds(10)
        let pair = try SimulatedPair(client: client, server: Fixtures.server())
        #expect(!pair.runHandshake())
        #expect(pair.clientClosed??.code == .handshakeTimeout)
        #expect(pair.serverConnection == nil)
    }
}
