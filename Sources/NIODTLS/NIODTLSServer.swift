import DTLSCore
import Logging
import NIOCore
import NIOPosix

/// Bounds a ``NIODTLSServer`` enforces across all peers.
public struct NIODTLSServerLimits: Sendable, Hashable {
    /// Handshakes in progress at once; ClientHellos beyond are dropped (the client retries).
    public var maximumHandshakes = 256
    /// Established connections at once; new handshakes beyond are dropped.
    public var maximumConnections = 4096
    /// A connection that receives nothing for this long is closed with close_notify.
    public var idleTimeout: Duration = .seconds(300)
    /// Application records buffered per connection for a slow reader; newer ones are dropped.
    public var inboundBufferLimit = 1024

    public init() {}
}

/// Counters of a ``NIODTLSServer``.
public struct NIODTLSServerStatistics: Sendable, Hashable {
    /// HelloVerifyRequests sent to peers without a valid cookie.
    public internal(set) var helloVerifyRequestsSent = 0
    /// Connections created after a valid cookie (or without one when cookies are off).
    public internal(set) var handshakesStarted = 0
    /// Handshakes that completed.
    public internal(set) var handshakesCompleted = 0
    /// Handshakes that failed (alert, timeout, verification).
    public internal(set) var handshakesFailed = 0
    /// ClientHellos dropped because the handshake or connection cap was reached.
    public internal(set) var rejectedAtCapacity = 0
    /// Datagrams from unknown peers that were not a usable ClientHello.
    public internal(set) var unusableDatagrams = 0
    /// Connections closed for inactivity.
    public internal(set) var idleTimeouts = 0
    /// Connections currently in handshake / established.
    public internal(set) var handshakesInProgress = 0
    public internal(set) var connectionsOpen = 0
}

/// A DTLS server on one UDP socket, serving many peers.
///
/// Datagrams are routed to a per-peer ``DTLSConnection`` by source address. A datagram from an
/// unknown address creates nothing until it is a ClientHello with a valid cookie. Each
/// completed handshake appears in ``connections``.
public final class NIODTLSServer: Sendable {
    /// The address the socket is bound to.
    public let localAddress: SocketAddress
    /// Connections whose handshake completed, in order.
    public let connections: AsyncStream<NIODTLSConnection>
    /// Handshakes that ended without completing, with the reason. When nobody reads, only the
    /// newest ``failureBufferLimit`` are kept.
    public let failedHandshakes: AsyncStream<FailedHandshake>

    /// A handshake that did not complete.
    public struct FailedHandshake: Sendable {
        /// Where the client was.
        public var peer: SocketAddress
        /// Why it failed; nil when the peer closed it with close_notify.
        public var error: DTLSError?
    }

    /// How many unread failures ``failedHandshakes`` keeps.
    public static let failureBufferLimit = 256

    private let channel: any Channel
    private let handler: NIOLoopBound<ServerChannelHandler>

    private init(
        channel: any Channel,
        handler: NIOLoopBound<ServerChannelHandler>,
        connections: AsyncStream<NIODTLSConnection>,
        failedHandshakes: AsyncStream<FailedHandshake>
    ) {
        self.channel = channel
        self.localAddress = channel.localAddress!
        self.handler = handler
        self.connections = connections
        self.failedHandshakes = failedHandshakes
    }

    /// Binds a UDP socket and starts serving.
    public static func bind(
        host: String,
        port: Int,
        configuration: DTLSConfiguration,
        limits: NIODTLSServerLimits = NIODTLSServerLimits(),
        logger: Logger = Logger(label: "dtls.server"),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> NIODTLSServer {
        let server = try DTLSServer(configuration: configuration)
        let (connections, continuation) = AsyncStream<NIODTLSConnection>.makeStream()
        let (failures, failureContinuation) = AsyncStream<FailedHandshake>.makeStream(
            bufferingPolicy: .bufferingNewest(failureBufferLimit)
        )
        let eventLoop = eventLoopGroup.next()
        let channel = try await DatagramBootstrap(group: eventLoop)
            .channelOption(.socketOption(.so_reuseaddr), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let handler = ServerChannelHandler(
                        server: server,
                        limits: limits,
                        logger: logger,
                        connections: continuation,
                        failures: failureContinuation
                    )
                    try channel.pipeline.syncOperations.addHandler(handler)
                }
            }
            .bind(host: host, port: port)
            .get()
        let handler = try await eventLoop.submit {
            NIOLoopBound(try channel.pipeline.syncOperations.handler(type: ServerChannelHandler.self), eventLoop: eventLoop)
        }.get()
        return NIODTLSServer(channel: channel, handler: handler, connections: connections, failedHandshakes: failures)
    }

    /// The server's counters.
    public var statistics: NIODTLSServerStatistics {
        get async throws { try await channel.eventLoop.submit { self.handler.value.statistics }.get() }
    }

    /// Sends close_notify to every peer, closes the socket and finishes ``connections``.
    public func close() async {
        try? await channel.eventLoop.submit { self.handler.value.closeAll() }.get()
        try? await channel.close()
    }
}

/// Demultiplexes datagrams by peer address and runs one connection per peer.
final class ServerChannelHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias OutboundOut = AddressedEnvelope<ByteBuffer>

    private struct Peer {
        let driver: ConnectionDriver
        var established: Bool
    }

    private let server: DTLSServer
    private let limits: NIODTLSServerLimits
    private let logger: Logger
    private let connections: AsyncStream<NIODTLSConnection>.Continuation
    private let failures: AsyncStream<NIODTLSServer.FailedHandshake>.Continuation
    private var peers: [SocketAddress: Peer] = [:]
    private var channel: (any Channel)?
    private var idleSweep: Scheduled<Void>?
    private(set) var statistics = NIODTLSServerStatistics()

    init(
        server: DTLSServer,
        limits: NIODTLSServerLimits,
        logger: Logger,
        connections: AsyncStream<NIODTLSConnection>.Continuation,
        failures: AsyncStream<NIODTLSServer.FailedHandshake>.Continuation
    ) {
        self.server = server
        self.limits = limits
        self.logger = logger
        self.connections = connections
        self.failures = failures
    }

    func handlerAdded(context: ChannelHandlerContext) {
        channel = context.channel
        scheduleIdleSweep(on: context.eventLoop)
    }

    private func scheduleIdleSweep(on eventLoop: any EventLoop) {
        let interval = TimeAmount.nanoseconds(max(limits.idleTimeout.nanosecondCount / 4, 10_000_000))
        idleSweep = eventLoop.assumeIsolated().scheduleTask(in: interval) { [self] in
            closeIdlePeers()
            scheduleIdleSweep(on: eventLoop)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        if let peer = peers[envelope.remoteAddress] {
            peer.driver.receive(envelope.data)
            return
        }
        let now = DTLSInstant.nioNow
        switch server.inspect(datagram: envelope.data, from: envelope.remoteAddress.cookieBindingBytes, now: now) {
        case .reply(let helloVerifyRequest):
            statistics.helloVerifyRequestsSent += 1
            context.writeAndFlush(wrapOutboundOut(AddressedEnvelope(remoteAddress: envelope.remoteAddress, data: helloVerifyRequest)), promise: nil)
        case .drop(let reason):
            statistics.unusableDatagrams += 1
            logger.debug("dropped datagram from unknown peer", metadata: ["peer": "\(envelope.remoteAddress)", "reason": "\(reason)"])
        case .accept:
            guard statistics.handshakesInProgress < limits.maximumHandshakes,
                statistics.connectionsOpen < limits.maximumConnections
            else {
                statistics.rejectedAtCapacity += 1
                logger.debug("server at capacity, ClientHello dropped", metadata: ["peer": "\(envelope.remoteAddress)"])
                return
            }
            let driver = makeDriver(for: envelope.remoteAddress, eventLoop: context.eventLoop)
            peers[envelope.remoteAddress] = Peer(driver: driver, established: false)
            statistics.handshakesStarted += 1
            statistics.handshakesInProgress += 1
            driver.receive(envelope.data)
        }
    }

    private func makeDriver(for address: SocketAddress, eventLoop: any EventLoop) -> ConnectionDriver {
        let channel = self.channel!
        var driver: ConnectionDriver!
        driver = ConnectionDriver(
            connection: server.makeConnection(peerAddress: address.cookieBindingBytes),
            remoteAddress: address,
            eventLoop: eventLoop,
            write: { envelope in channel.write(envelope, promise: nil) },
            flush: { channel.flush() },
            callbacks: ConnectionDriver.Callbacks(
                handshakeCompleted: { [self] info in handshakeCompleted(address: address, info: info, driver: driver) },
                applicationData: { _ in },
                closed: { [self] error in
                    statistics.handshakesFailed += 1
                    statistics.handshakesInProgress -= 1
                    peers[address] = nil
                    failures.yield(NIODTLSServer.FailedHandshake(peer: address, error: error))
                    logger.debug("handshake failed", metadata: ["peer": "\(address)", "error": "\(error.map(String.init(describing:)) ?? "closed")"])
                }
            )
        )
        return driver
    }

    private func handshakeCompleted(address: SocketAddress, info: DTLSSessionInfo, driver: ConnectionDriver) {
        statistics.handshakesCompleted += 1
        statistics.handshakesInProgress -= 1
        statistics.connectionsOpen += 1
        peers[address]?.established = true
        let connection = NIODTLSConnection(
            driver: driver,
            sessionInfo: info,
            eventLoop: driver.eventLoop,
            inboundBufferLimit: limits.inboundBufferLimit,
            onClose: { [self] in
                statistics.connectionsOpen -= 1
                peers[address] = nil
            }
        )
        connections.yield(connection)
    }

    private func closeIdlePeers() {
        let cutoff = DTLSInstant.nioNow.advanced(by: .zero - limits.idleTimeout)
        for (address, peer) in peers where peer.driver.lastActivity < cutoff {
            statistics.idleTimeouts += 1
            logger.debug("closing idle connection", metadata: ["peer": "\(address)"])
            peer.driver.close()
        }
    }

    func closeAll() {
        for peer in peers.values { peer.driver.close() }
        connections.finish()
        failures.finish()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // ICMP errors for one peer must not stop the server.
        logger.debug("socket error", metadata: ["error": "\(error)"])
    }

    func channelInactive(context: ChannelHandlerContext) {
        idleSweep?.cancel()
        for peer in peers.values { peer.driver.cancelTimer() }
        peers.removeAll()
        connections.finish()
        failures.finish()
        context.fireChannelInactive()
    }
}

extension Duration {
    /// Whole nanoseconds, saturating.
    var nanosecondCount: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : scaled &+ attoseconds / 1_000_000_000
    }
}
