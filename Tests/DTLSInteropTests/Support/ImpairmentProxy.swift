import NIOCore
import NIOPosix
import Synchronization

/// A UDP proxy on 127.0.0.1 between one client and a server that drops, delays, reorders and
/// duplicates datagrams as an ``Impairment`` says, separately in each direction, and counts
/// what it did.
///
/// Each direction draws its decisions from its own ``SeededGenerator``, so the n-th datagram
/// going one way always meets the same fate for a given seed (which datagram comes n-th can
/// still depend on the endpoints' timers). The client sends to ``port``; the proxy forwards
/// from a socket of its own to the server, and the server's answers to the client that last
/// spoke. Call ``stop()`` in a `defer` right after starting one.
final class ImpairmentProxy: Sendable {
    /// Which way a datagram goes.
    enum Direction: Sendable, Hashable, CaseIterable {
        case toServer, toClient
    }

    /// What happened to the datagrams going one way.
    struct Counters: Sendable, Hashable, CustomStringConvertible {
        /// Datagrams that arrived.
        var received = 0
        /// Datagrams dropped.
        var dropped = 0
        /// Datagrams also sent a second time.
        var duplicated = 0
        /// Held-back datagrams that a later datagram overtook.
        var reordered = 0
        /// Datagrams sent on, copies included.
        var sent = 0
        /// The application_data records in the copies: the receiver must discard each one as
        /// a replay.
        var duplicatedApplicationRecords = 0

        var description: String {
            "\(received) received, \(dropped) dropped, \(duplicated) duplicated, \(reordered) reordered, \(sent) sent"
        }
    }

    /// How long a held-back datagram waits for another to overtake it before it goes anyway.
    static let holdLimit = Duration.milliseconds(200)

    /// One direction's settings, generator and progress.
    private struct Lane {
        var impairment: Impairment
        var generator: SeededGenerator
        var counters = Counters()
        /// Datagrams held back, oldest first, with the ids of their hold timers.
        var held: [(id: Int, data: ByteBuffer)] = []
        /// Datagrams (and copies) waiting out their delay.
        var delayed = 0
    }

    private struct State {
        var front: (any Channel)?
        var back: (any Channel)?
        var client: SocketAddress?
        var toServer: Lane
        var toClient: Lane
        var nextHoldID = 0

        subscript(direction: Direction) -> Lane {
            get { direction == .toServer ? toServer : toClient }
            set { if direction == .toServer { toServer = newValue } else { toClient = newValue } }
        }
    }

    private let state: Mutex<State>
    private let server: SocketAddress
    private let eventLoop: any EventLoop

    private init(server: SocketAddress, eventLoop: any EventLoop, toServer: Impairment, toClient: Impairment, seed: UInt64) {
        self.server = server
        self.eventLoop = eventLoop
        state = Mutex(
            State(
                toServer: Lane(impairment: toServer, generator: SeededGenerator(seed: Self.seed(seed, .toServer))),
                toClient: Lane(impairment: toClient, generator: SeededGenerator(seed: Self.seed(seed, .toClient)))
            )
        )
    }

    /// Starts a proxy to the server on 127.0.0.1:`serverPort`, impairing what goes to the
    /// server as `toServer` says and what comes back as `toClient` says.
    static func start(
        forwardingTo serverPort: Int,
        toServer: Impairment,
        toClient: Impairment,
        seed: UInt64
    ) async throws -> ImpairmentProxy {
        let eventLoop = MultiThreadedEventLoopGroup.singleton.next()
        let proxy = ImpairmentProxy(
            server: try SocketAddress(ipAddress: "127.0.0.1", port: serverPort),
            eventLoop: eventLoop,
            toServer: toServer,
            toClient: toClient,
            seed: seed
        )
        do {
            let front = try await LoopbackSocket.bind(on: eventLoop) { proxy.arrived($0, going: .toServer) }
            proxy.state.withLock { $0.front = front }
            let back = try await LoopbackSocket.bind(on: eventLoop) { proxy.arrived($0, going: .toClient) }
            proxy.state.withLock { $0.back = back }
        } catch {
            proxy.stop()
            throw error
        }
        return proxy
    }

    /// The generator seed for `direction`'s decisions under the proxy's `seed`.
    static func seed(_ seed: UInt64, _ direction: Direction) -> UInt64 {
        direction == .toServer ? seed : seed ^ 0xD1B5_4A32_D192_ED03
    }

    /// The fates the first `count` datagrams going `direction` will meet under `impairment`
    /// and `seed`, as a proxy started with them decides.
    static func decisions(_ impairment: Impairment, seed: UInt64, _ direction: Direction, count: Int) -> [Impairment.Decision] {
        impairment.decisions(seed: Self.seed(seed, direction), count: count)
    }

    /// The port clients send to.
    var port: Int { state.withLock { $0.front?.localAddress?.port } ?? 0 }

    /// What happened so far to the datagrams going `direction`.
    func counters(_ direction: Direction) -> Counters {
        state.withLock { $0[direction].counters }
    }

    /// Whether no datagram waits for its delay or for another to overtake it.
    var isIdle: Bool {
        state.withLock { state in
            Direction.allCases.allSatisfy { state[$0].held.isEmpty && state[$0].delayed == 0 }
        }
    }

    /// Waits until ``isIdle``, up to `timeout`; false if datagrams are still waiting then.
    func waitUntilIdle(timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while !isIdle {
            guard ContinuousClock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return true
    }

    /// Closes both sockets (without waiting for them to close); datagrams still waiting are lost.
    func stop() {
        let channels = state.withLock { [$0.front, $0.back] }
        for channel in channels.compactMap({ $0 }) {
            channel.close(promise: nil)
        }
    }

    // MARK: Forwarding (on the event loop)

    private func arrived(_ envelope: AddressedEnvelope<ByteBuffer>, going direction: Direction) {
        if direction == .toClient, envelope.remoteAddress != server { return }
        let data = envelope.data
        let decision = state.withLock { state in
            if direction == .toServer { state.client = envelope.remoteAddress }
            let decision = state[direction].impairment.decide(using: &state[direction].generator)
            state[direction].counters.received += 1
            if decision.dropped {
                state[direction].counters.dropped += 1
            } else if decision.copyDelay != nil {
                state[direction].counters.duplicated += 1
                state[direction].counters.duplicatedApplicationRecords += Self.applicationRecords(in: data)
            }
            return decision
        }
        guard !decision.dropped else { return }
        after(decision.delay, direction) { $0.release(data, going: direction, holdingBack: decision.reordered) }
        if let copyDelay = decision.copyDelay {
            after(copyDelay, direction) { $0.release(data, going: direction, holdingBack: false) }
        }
    }

    /// Runs `action` after `delay`, at once when there is none (keeping the arrival order).
    private func after(_ delay: Duration, _ direction: Direction, _ action: @escaping @Sendable (ImpairmentProxy) -> Void) {
        guard delay > .zero else { return action(self) }
        state.withLock { $0[direction].delayed += 1 }
        eventLoop.scheduleTask(in: Self.timeAmount(delay)) {
            self.state.withLock { $0[direction].delayed -= 1 }
            action(self)
        }
    }

    /// Sends `data` on, or holds it back until the next datagram going the same way overtakes
    /// it. Sending a datagram releases those held back before it.
    private func release(_ data: ByteBuffer, going direction: Direction, holdingBack: Bool) {
        if holdingBack {
            let id = state.withLock { state in
                state.nextHoldID += 1
                state[direction].held.append((state.nextHoldID, data))
                return state.nextHoldID
            }
            eventLoop.scheduleTask(in: Self.timeAmount(Self.holdLimit)) { self.holdExpired(id, direction) }
            return
        }
        let overtaken = state.withLock { state in
            let held = state[direction].held.map(\.data)
            state[direction].held.removeAll()
            state[direction].counters.reordered += held.count
            return held
        }
        for datagram in [data] + overtaken {
            transmit(datagram, going: direction)
        }
    }

    private func holdExpired(_ id: Int, _ direction: Direction) {
        let data = state.withLock { state -> ByteBuffer? in
            guard let index = state[direction].held.firstIndex(where: { $0.id == id }) else { return nil }
            return state[direction].held.remove(at: index).data
        }
        if let data { transmit(data, going: direction) }
    }

    private func transmit(_ data: ByteBuffer, going direction: Direction) {
        let target: (any Channel, SocketAddress)? = state.withLock { state in
            state[direction].counters.sent += 1
            switch direction {
            case .toServer: return state.back.map { ($0, server) }
            case .toClient: return state.front.flatMap { front in state.client.map { (front, $0) } }
            }
        }
        guard let (channel, address) = target else { return }
        channel.writeAndFlush(AddressedEnvelope(remoteAddress: address, data: data), promise: nil)
    }

    /// How many application_data records (content type 23) a datagram of DTLS records holds.
    static func applicationRecords(in datagram: ByteBuffer) -> Int {
        var count = 0
        var offset = datagram.readerIndex
        while offset + 13 <= datagram.writerIndex,
            let type = datagram.getInteger(at: offset, as: UInt8.self),
            let length = datagram.getInteger(at: offset + 11, as: UInt16.self)
        {
            if type == 23 { count += 1 }
            offset += 13 + Int(length)
        }
        return count
    }

    private static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
