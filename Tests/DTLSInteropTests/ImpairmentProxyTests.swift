import NIOCore
import Synchronization
import Testing

/// The impairment proxy that the lossy interop tests rely on: its decisions follow from the
/// seed, and it does to the datagrams what it decided.
@Suite("impairment proxy", .timeLimit(.minutes(1)))
struct ImpairmentProxyTests {
    private let impairment = Impairment(loss: 0.2, duplication: 0.1, reordering: 0.1, delay: .milliseconds(1) ... .milliseconds(20))

    @Test("the same seed gives the same decisions, at about the configured rates")
    func decisions() {
        let decisions = impairment.decisions(seed: 7, count: 10_000)
        #expect(decisions == impairment.decisions(seed: 7, count: 10_000))
        #expect(decisions != impairment.decisions(seed: 8, count: 10_000))
        let dropped = decisions.filter(\.dropped).count
        let passed = decisions.count - dropped
        #expect((1_800...2_200).contains(dropped))
        #expect((0.08...0.12).contains(Double(decisions.filter { $0.copyDelay != nil }.count) / Double(passed)))
        #expect((0.08...0.12).contains(Double(decisions.filter(\.reordered).count) / Double(passed)))
        #expect(decisions.allSatisfy { impairment.delay.contains($0.delay) })
        #expect(!decisions.contains { $0.dropped && ($0.reordered || $0.copyDelay != nil) })
    }

    @Test("the proxy drops and copies the datagrams it decided to, each way")
    func forwarding() async throws {
        let count = 200
        let seed: UInt64 = 11
        let server = try await UDPRecorder.start()
        defer { server.stop() }
        let proxy = try await ImpairmentProxy.start(forwardingTo: server.port, toServer: impairment, toClient: impairment, seed: seed)
        defer { proxy.stop() }
        let client = try await UDPRecorder.start()
        defer { client.stop() }

        // Sent one at a time, so they reach the proxy in order.
        for index in 0..<count {
            try await client.send("\(index)", to: proxy.port)
            try await Task.sleep(for: .milliseconds(1))
        }
        try await expectForwarded(count, seed: seed, .toServer, by: proxy, to: server)
        for index in 0..<count {
            try await server.send("\(index)", to: try #require(server.lastSender))
            try await Task.sleep(for: .milliseconds(1))
        }
        try await expectForwarded(count, seed: seed, .toClient, by: proxy, to: client)
    }

    /// Expects `recorder` to have received, of `count` numbered datagrams sent `direction`,
    /// exactly those the decisions for `seed` let through, copies twice, and the proxy's
    /// counters to agree.
    private func expectForwarded(
        _ count: Int,
        seed: UInt64,
        _ direction: ImpairmentProxy.Direction,
        by proxy: ImpairmentProxy,
        to recorder: UDPRecorder,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let decisions = ImpairmentProxy.decisions(impairment, seed: seed, direction, count: count)
        let expected = decisions.reduce(0) { $0 + ($1.dropped ? 0 : 1) + ($1.copyDelay == nil ? 0 : 1) }
        #expect(await proxy.waitUntilIdle(timeout: .seconds(2)), sourceLocation: sourceLocation)
        try await Task.sleep(for: .milliseconds(100))
        let received = Dictionary(recorder.takeAll().map { ($0, 1) }, uniquingKeysWith: +)
        for (index, decision) in decisions.enumerated() {
            let copies = decision.dropped ? 0 : decision.copyDelay == nil ? 1 : 2
            #expect(received["\(index)", default: 0] == copies, "datagram \(index)", sourceLocation: sourceLocation)
        }
        let counters = proxy.counters(direction)
        #expect(counters.received == count, sourceLocation: sourceLocation)
        #expect(counters.dropped == decisions.filter(\.dropped).count, sourceLocation: sourceLocation)
        #expect(counters.duplicated == decisions.filter { $0.copyDelay != nil }.count, sourceLocation: sourceLocation)
        #expect(counters.sent == expected, sourceLocation: sourceLocation)
        #expect(counters.reordered > 0, sourceLocation: sourceLocation)
    }
}

/// A UDP socket on 127.0.0.1 that keeps what it receives, as text.
private final class UDPRecorder: Sendable {
    private let channel: any Channel
    private let state = Mutex<(datagrams: [String], sender: SocketAddress?)>(([], nil))

    private init(channel: any Channel) {
        self.channel = channel
    }

    static func start() async throws -> UDPRecorder {
        let box = Mutex<UDPRecorder?>(nil)
        let channel = try await LoopbackSocket.bind { envelope in box.withLock { $0 }?.record(envelope) }
        let recorder = UDPRecorder(channel: channel)
        box.withLock { $0 = recorder }
        return recorder
    }

    var port: Int { channel.localAddress?.port ?? 0 }

    /// The port the last datagram came from.
    var lastSender: Int? { state.withLock { $0.sender?.port } }

    func send(_ text: String, to port: Int) async throws {
        let address = try SocketAddress(ipAddress: "127.0.0.1", port: port)
        try await channel.writeAndFlush(AddressedEnvelope(remoteAddress: address, data: ByteBuffer(string: text)))
    }

    /// What arrived so far, forgetting it.
    func takeAll() -> [String] {
        state.withLock { state in
            defer { state.datagrams = [] }
            return state.datagrams
        }
    }

    func stop() {
        channel.close(promise: nil)
    }

    private func record(_ envelope: AddressedEnvelope<ByteBuffer>) {
        state.withLock {
            $0.datagrams.append(String(buffer: envelope.data))
            $0.sender = envelope.remoteAddress
        }
    }
}
