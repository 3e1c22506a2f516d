import DTLSCore
import NIOCore
import NIOPosix
import Synchronization

/// A UDP relay between one client and one server that records every datagram it forwards.
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

    /// The forwarded datagrams, shared with the channel handler.
    final class Log: Sendable {
        let entries = Mutex<[Entry]>([])
    }

    let localAddress: SocketAddress
    private let channel: any Channel
    private let log: Log

    private init(channel: any Channel, log: Log) {
        self.channel = channel
        self.localAddress = channel.localAddress!
        self.log = log
    }

    static func start(forwardingTo server: SocketAddress) async throws -> LoggingRelay {
        let log = Log()
        let relay = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(RelayHandler(server: server, record: { entry in
                        log.entries.withLock { $0.append(entry) }
                    }))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        return LoggingRelay(channel: relay, log: log)
    }

    /// Everything forwarded so far.
    var entries: [Entry] { log.entries.withLock { $0 } }

    func stop() async {
        try? await channel.close()
    }
}

private final class RelayHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias OutboundOut = AddressedEnvelope<ByteBuffer>

    private let server: SocketAddress
    private let record: (LoggingRelay.Entry) -> Void
    private var client: SocketAddress?

    init(server: SocketAddress, record: @escaping (LoggingRelay.Entry) -> Void) {
        self.server = server
        self.record = record
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        let fromServer = envelope.remoteAddress == server
        if !fromServer { client = envelope.remoteAddress }
        guard let destination = fromServer ? client : server else { return }
        record(LoggingRelay.Entry(time: .now, fromClient: !fromServer, datagram: envelope.data))
        context.writeAndFlush(wrapOutboundOut(AddressedEnvelope(remoteAddress: destination, data: envelope.data)), promise: nil)
    }
}
