import DTLSCore
import NIOCore
import NIOPosix
import Synchronization

/// A UDP relay between one client and one server that records every datagram it forwards,
/// and can change the port it forwards the client's datagrams from, as a NAT does when its
/// mapping expires.
///
/// The demo puts it between the two endpoints so the transcript shows exactly what crossed
/// the network, without hooks inside the library.
final class LoggingRelay: Sendable {
    /// One forwarded datagram.
    struct Entry: Sendable {
        var time: ContinuousClock.Instant
        var fromClient: Bool
        var datagram: ByteBuffer
    }

    /// What the two sides' handlers share.
    final class State: Sendable {
        let server: SocketAddress
        let entries = Mutex<[Entry]>([])
        let client = Mutex<SocketAddress?>(nil)
        let clientSide = Mutex<(any Channel)?>(nil)
        let serverSide = Mutex<(any Channel)?>(nil)

        init(server: SocketAddress) {
            self.server = server
        }

        func record(fromClient: Bool, _ datagram: ByteBuffer) {
            entries.withLock { $0.append(Entry(time: .now, fromClient: fromClient, datagram: datagram)) }
        }
    }

    /// Where the client sends to.
    let localAddress: SocketAddress
    private let state: State
    /// Every server-facing socket opened so far; older ones still pass late replies back.
    private let serverSides = Mutex<[any Channel]>([])

    private init(localAddress: SocketAddress, state: State) {
        self.localAddress = localAddress
        self.state = state
    }

    static func start(forwardingTo server: SocketAddress) async throws -> LoggingRelay {
        let state = State(server: server)
        let clientSide = try await bind { ClientSideHandler(state: state) }
        state.clientSide.withLock { $0 = clientSide }
        let relay = LoggingRelay(localAddress: clientSide.localAddress!, state: state)
        _ = try await relay.rebind()
        return relay
    }

    /// Forwards the client's datagrams from a new port from now on; returns the address the
    /// server now sees the client at.
    func rebind() async throws -> SocketAddress {
        let state = self.state
        let serverSide = try await Self.bind { ServerSideHandler(state: state) }
        serverSides.withLock { $0.append(serverSide) }
        state.serverSide.withLock { $0 = serverSide }
        return serverSide.localAddress!
    }

    /// Everything forwarded so far.
    var entries: [Entry] { state.entries.withLock { $0 } }

    func stop() async {
        let channels = serverSides.withLock { $0 } + [state.clientSide.withLock { $0 }].compactMap { $0 }
        for channel in channels { try? await channel.close() }
    }

    private static func bind<Handler: ChannelInboundHandler>(_ makeHandler: @escaping @Sendable () -> Handler) async throws -> any Channel {
        try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(makeHandler()) }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
    }
}

/// Client → relay: logged, then sent on to the server from the current server-facing port.
private final class ClientSideHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>

    private let state: LoggingRelay.State

    init(state: LoggingRelay.State) {
        self.state = state
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        state.client.withLock { $0 = envelope.remoteAddress }
        guard let serverSide = state.serverSide.withLock({ $0 }) else { return }
        state.record(fromClient: true, envelope.data)
        serverSide.writeAndFlush(AddressedEnvelope(remoteAddress: state.server, data: envelope.data), promise: nil)
    }
}

/// Server → relay (on any server-facing port): logged, then passed back to the client.
private final class ServerSideHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>

    private let state: LoggingRelay.State

    init(state: LoggingRelay.State) {
        self.state = state
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        guard envelope.remoteAddress == state.server, let client = state.client.withLock({ $0 }),
            let clientSide = state.clientSide.withLock({ $0 })
        else { return }
        state.record(fromClient: false, envelope.data)
        clientSide.writeAndFlush(AddressedEnvelope(remoteAddress: client, data: envelope.data), promise: nil)
    }
}
