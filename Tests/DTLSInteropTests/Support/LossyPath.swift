import DTLSCore
import NIODTLS
import Testing

/// The impaired path of the lossy interop tests and what they send over it.
enum LossyPath {
    /// Each way: a fifth of the datagrams lost, a tenth of the others duplicated and a fifth
    /// held back for the next one to overtake, all delayed by up to 20 ms.
    static let impairment = Impairment(
        loss: 0.2,
        duplication: 0.1,
        reordering: 0.2,
        delay: .milliseconds(1) ... .milliseconds(20)
    )

    /// The distinct messages each test delivers.
    static let messages = (1...8).map { "lossy-\($0)" }

    /// Whether `line` is a payload of one of ``messages``.
    @Sendable static func isPayload(_ line: String) -> Bool {
        line.hasPrefix("lossy-")
    }

    /// How long a handshake may take here: the peers back off to several seconds between
    /// retransmissions, and a flight can be lost more than once.
    static let handshakeTimeout = Duration.seconds(40)

    /// The seed of the proxies' decisions. With it, every test sees datagrams lost both ways
    /// (about a quarter, handshake included), duplicated and overtaken, and copies of
    /// application records towards our end.
    static let seed: UInt64 = 16

    /// Starts a proxy to `port` impairing both ways with ``impairment`` and `seed`.
    static func proxy(to port: Int, seed: UInt64 = seed) async throws -> ImpairmentProxy {
        try await ImpairmentProxy.start(forwardingTo: port, toServer: impairment, toClient: impairment, seed: seed)
    }

    /// `configuration` with room for loss: our side retransmits after 1 s, doubling up to 4 s,
    /// ten times, within ``handshakeTimeout``.
    static func tolerant(_ configuration: DTLSConfiguration) -> DTLSConfiguration {
        var configuration = configuration
        configuration.retransmission = RetransmissionPolicy(initialTimeout: .seconds(1), maximumTimeout: .seconds(4), maximumRetransmissions: 10)
        configuration.handshakeTimeout = handshakeTimeout
        return configuration
    }

    /// Expects the proxy to have dropped datagrams both ways and duplicated or reordered some,
    /// so the test went through what it claims.
    static func expectImpaired(_ proxy: ImpairmentProxy, sourceLocation: SourceLocation = #_sourceLocation) {
        let toServer = proxy.counters(.toServer)
        let toClient = proxy.counters(.toClient)
        #expect(toServer.dropped > 0 && toClient.dropped > 0, "to server: \(toServer); to client: \(toClient)", sourceLocation: sourceLocation)
        #expect(
            toServer.duplicated + toClient.duplicated > 0 && toServer.reordered + toClient.reordered > 0,
            "to server: \(toServer); to client: \(toClient)",
            sourceLocation: sourceLocation
        )
    }

    /// Expects `connection`, our end, to have discarded as replays at least the copies of
    /// application records the proxy sent `direction` (towards our end). Waits for the proxy
    /// to send what it holds and for the counters to catch up, up to two seconds.
    static func expectReplaysDiscarded(
        by connection: NIODTLSConnection,
        proxy: ImpairmentProxy,
        arriving direction: ImpairmentProxy.Direction,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        _ = await proxy.waitUntilIdle(timeout: .seconds(1))
        let copies = proxy.counters(direction).duplicatedApplicationRecords
        let deadline = ContinuousClock.now + .seconds(1)
        var replayed = try await connection.statistics.drops(.replayed)
        while replayed < copies, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
            replayed = try await connection.statistics.drops(.replayed)
        }
        #expect(copies > 0, "the proxy copied no application record towards our end: choose another seed", sourceLocation: sourceLocation)
        #expect(replayed >= copies, "\(copies) copied application records, \(replayed) replays discarded", sourceLocation: sourceLocation)
    }
}
