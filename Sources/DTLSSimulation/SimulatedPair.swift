import DTLSCore
import NIOCore

/// A client and a server connected by a simulated network on a virtual clock.
///
/// Everything is deterministic for a given seed: loss, duplication and reordering come from a
/// ``SeededRandomSource``, and time only moves when ``run(until:timeLimit:)`` jumps it to the
/// next delivery or timer. Nothing sleeps.
public final class SimulatedPair {
    /// One end of the pair.
    public enum Side: Sendable, Hashable, CustomStringConvertible {
        case client
        case server

        public var description: String { self == .client ? "client" : "server" }
        var other: Side { self == .client ? .server : .client }
    }

    /// A datagram as it left its sender.
    public struct Transmission: Sendable {
        public var time: DTLSInstant
        public var from: Side
        public var datagram: ByteBuffer
        /// Whether it was sent before the sender's handshake completed.
        public var duringHandshake: Bool
        /// How many copies the link delivers: 0 when lost, 2 when duplicated.
        public var copies: Int
    }

    private struct InFlight {
        var deliverAt: DTLSInstant
        var order: Int
        var to: Side
        var datagram: ByteBuffer
    }

    /// The current virtual time.
    public private(set) var now: DTLSInstant
    public let client: DTLSConnection
    public let server: DTLSServer
    /// The server's connection for the client, once the client's cookie checked out.
    public private(set) var serverConnection: DTLSConnection?
    /// Conditions from client to server and from server to client.
    public var clientToServer: LinkConditions
    public var serverToClient: LinkConditions
    /// Every datagram sent, in order.
    public private(set) var transmissions: [Transmission] = []
    /// Application data each side received, in order.
    public private(set) var clientReceived: [ByteBuffer] = []
    public private(set) var serverReceived: [ByteBuffer] = []
    /// Completion events.
    public private(set) var clientSession: DTLSSessionInfo?
    public private(set) var serverSession: DTLSSessionInfo?
    /// Close events: `.some(nil)` is an orderly close.
    public private(set) var clientClosed: DTLSError??
    public private(set) var serverClosed: DTLSError??
    /// Certificate chains waiting for a verdict, with the side that must give it.
    public private(set) var pendingVerifications: [(Side, DTLSPeerVerificationRequest)] = []
    /// Whether the server echoes every application record back.
    public var serverEchoes = false
    /// Decides, before the link's own conditions, to lose a datagram: gets the sender and the
    /// datagram, returns true to drop it. For targeted loss in tests.
    public var dropRule: ((Side, ByteBuffer) -> Bool)?

    private let randomness: SeededRandomSource
    private var inFlight: [InFlight] = []
    private var sent = 0
    private static let clientAddress: [UInt8] = [192, 0, 2, 1, 0x16, 0x34]

    public init(
        client clientConfiguration: DTLSConfiguration,
        server serverConfiguration: DTLSConfiguration,
        clientToServer: LinkConditions = .perfect,
        serverToClient: LinkConditions = .perfect,
        seed: UInt64 = 1,
        start: DTLSInstant = DTLSInstant(nanoseconds: 1_000_000_000)
    ) throws(DTLSError) {
        self.now = start
        self.randomness = SeededRandomSource(seed: seed)
        self.clientToServer = clientToServer
        self.serverToClient = serverToClient
        self.server = try DTLSServer(configuration: serverConfiguration)
        self.client = try DTLSConnection(client: clientConfiguration, now: start)
        drain(.client)
    }

    /// Both handshakes completed.
    public var isEstablished: Bool { clientSession != nil && serverSession != nil }

    /// Advances time event by event until `condition` holds, nothing is left to happen, or
    /// `timeLimit` of virtual time passed. Returns whether `condition` holds.
    @discardableResult
    public func run(until condition: () -> Bool, timeLimit: Duration = .seconds(600)) -> Bool {
        let limit = now.advanced(by: timeLimit)
        while !condition() {
            guard let next = nextEventTime(), next <= limit else { return condition() }
            now = max(now, next)
            deliverDue()
            fireTimers()
        }
        return true
    }

    /// Runs until both sides finished the handshake. Certificate verification requests stay
    /// pending (see ``pendingVerifications``); use ``runHandshakeVerifyingPeers(timeLimit:)`` for those.
    @discardableResult
    public func runHandshake(timeLimit: Duration = .seconds(600)) -> Bool {
        run(until: { self.isEstablished || self.clientClosed != nil || self.serverClosed != nil }, timeLimit: timeLimit)
        return isEstablished
    }

    /// Runs until both sides finished the handshake, answering every certificate verification
    /// request with the configured verifier as it comes (virtual time stands still meanwhile).
    @discardableResult
    public func runHandshakeVerifyingPeers(timeLimit: Duration = .seconds(600)) async -> Bool {
        let limit = now.advanced(by: timeLimit)
        while true {
            run(
                until: { self.isEstablished || self.clientClosed != nil || self.serverClosed != nil || !self.pendingVerifications.isEmpty },
                timeLimit: now.duration(to: limit)
            )
            guard !pendingVerifications.isEmpty else { return isEstablished }
            let requests = pendingVerifications
            pendingVerifications.removeAll()
            for (side, request) in requests {
                let verdict = await request.verify()
                (side == .client ? client : serverConnection)?.completePeerVerification(verdict, now: now)
                drain(side)
            }
        }
    }

    /// Sends application data from one side; returns the index of its datagram in ``transmissions``.
    @discardableResult
    public func send(_ bytes: [UInt8], from side: Side) throws -> Int {
        let connection = side == .client ? client : serverConnection
        guard let connection else { throw SimulationError.noServerConnection }
        try connection.send(ByteBuffer(bytes: bytes), now: now)
        let index = transmissions.count
        drain(side)
        return index
    }

    /// Closes one side with close_notify.
    public func close(_ side: Side) {
        let connection = side == .client ? client : serverConnection
        connection?.close(now: now)
        drain(side)
    }

    /// Injects a datagram as if `side` had received it from the network.
    public func inject(_ datagram: ByteBuffer, to side: Side) {
        deliver(datagram, to: side)
    }

    // MARK: Event loop

    private func nextEventTime() -> DTLSInstant? {
        let deliveries = inFlight.map(\.deliverAt).min()
        let timers = [client.nextDeadline, serverConnection?.nextDeadline].compactMap { $0 }.min()
        return [deliveries, timers].compactMap { $0 }.min()
    }

    private func deliverDue() {
        while let index = inFlight.indices.filter({ inFlight[$0].deliverAt <= now })
            .min(by: { (inFlight[$0].deliverAt, inFlight[$0].order) < (inFlight[$1].deliverAt, inFlight[$1].order) })
        {
            let item = inFlight.remove(at: index)
            deliver(item.datagram, to: item.to)
        }
    }

    private func fireTimers() {
        if let deadline = client.nextDeadline, deadline <= now {
            client.handleTimeout(now: now)
            drain(.client)
        }
        if let connection = serverConnection, let deadline = connection.nextDeadline, deadline <= now {
            connection.handleTimeout(now: now)
            drain(.server)
        }
    }

    private func deliver(_ datagram: ByteBuffer, to side: Side) {
        switch side {
        case .client:
            client.receive(datagram: datagram, now: now)
        case .server:
            if serverConnection == nil {
                switch server.inspect(datagram: datagram, from: Self.clientAddress, now: now) {
                case .accept:
                    serverConnection = server.makeConnection(peerAddress: Self.clientAddress)
                case .reply(let reply):
                    send(reply, from: .server, duringHandshake: true)
                    return
                case .drop:
                    return
                }
            }
            serverConnection?.receive(datagram: datagram, now: now)
        }
        drain(side)
    }

    private func drain(_ side: Side) {
        guard let connection = side == .client ? client : serverConnection else { return }
        while let event = connection.nextEvent() {
            switch event {
            case .transmit(let datagram):
                // Events come in order: a datagram queued before the completion event is part of the handshake.
                let completed = side == .client ? clientSession != nil : serverSession != nil
                send(datagram, from: side, duringHandshake: !completed && !connection.isClosed)
            case .applicationData(let data):
                if side == .client {
                    clientReceived.append(data)
                } else {
                    serverReceived.append(data)
                    if serverEchoes { try? connection.send(data, now: now) }
                }
            case .verifyPeer(let request):
                pendingVerifications.append((side, request))
            case .handshakeCompleted(let info):
                if side == .client { clientSession = info } else { serverSession = info }
            case .closed(let error):
                if side == .client { clientClosed = .some(error) } else { serverClosed = .some(error) }
            }
        }
    }

    private func send(_ datagram: ByteBuffer, from side: Side, duringHandshake: Bool) {
        let conditions = side == .client ? clientToServer : serverToClient
        var copies = 0
        if dropRule?(side, datagram) == true {
            copies = 0
        } else if randomness.nextUnit() >= conditions.lossRate {
            copies = randomness.nextUnit() < conditions.duplicationRate ? 2 : 1
        }
        transmissions.append(Transmission(time: now, from: side, datagram: datagram, duringHandshake: duringHandshake, copies: copies))
        for _ in 0..<copies {
            var delay = conditions.latency
            if randomness.nextUnit() < conditions.reorderRate { delay += conditions.reorderDelay }
            sent += 1
            inFlight.append(InFlight(deliverAt: now.advanced(by: delay), order: sent, to: side.other, datagram: datagram))
        }
    }
}

/// Misuse of a simulation.
public enum SimulationError: Error {
    /// Data was sent from the server side before it had a connection for the client.
    case noServerConnection
}
