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
    /// A handshake not complete this long after its first accepted ClientHello fails, unless the
    /// configuration sets its own ``DTLSConfiguration/handshakeTimeout``.
    public var handshakeTimeout: Duration = .seconds(30)
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
    /// New handshakes from the address of an established connection (rebooted clients,
    /// RFC 6347 §4.2.8) that completed and replaced it.
    public internal(set) var connectionsReplaced = 0
    /// Times a client was followed to a new address by its connection ID (RFC 9146 §6).
    public internal(set) var addressChanges = 0
    /// Connections currently in handshake / established.
    public internal(set) var handshakesInProgress = 0
    public internal(set) var connectionsOpen = 0
    /// Drops by reason: before any connection (unknown peers, capacity) and inside connections
    /// that have closed.
    public internal(set) var drops = DTLSStatistics()

    /// How many datagrams or records were dropped for `reason`.
    public func drops(_ reason: DropReason) -> Int { drops.drops(reason) }
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

    /// Binds a UDP socket and starts serving. The port is ours alone: binding one that another
    /// socket holds fails.
    public static func bind(
        host: String,
        port: Int,
        configuration: DTLSConfiguration,
        limits: NIODTLSServerLimits = NIODTLSServerLimits(),
        logger: Logger = Logger(label: "dtls.server"),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> NIODTLSServer {
        var configuration = configuration
        if configuration.handshakeTimeout == nil { configuration.handshakeTimeout = limits.handshakeTimeout }
        let server = try DTLSServer(configuration: configuration)
        let (connections, continuation) = AsyncStream<NIODTLSConnection>.makeStream()
        let (failures, failureContinuation) = AsyncStream<FailedHandshake>.makeStream(
            bufferingPolicy: .bufferingNewest(failureBufferLimit)
        )
        let eventLoop = eventLoopGroup.next()
        // No SO_REUSEADDR: on UDP it would let another socket bind the same port and take its
        // datagrams (and the kernel may even hand one port to two such sockets binding port 0).
        let channel = try await DatagramBootstrap(group: eventLoop)
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

