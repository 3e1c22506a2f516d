import NIOCore
import NIOPosix

/// The UDP sockets of the relays, proxies and recorders that tests put next to the peers.
enum LoopbackSocket {
    /// A UDP socket on a free port of 127.0.0.1 passing every datagram it reads to `received`,
    /// on the next loop of `group` (pass an event loop to keep several sockets on one).
    static func bind(
        on group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        _ received: @escaping @Sendable (AddressedEnvelope<ByteBuffer>) -> Void
    ) async throws -> any Channel {
        try await DatagramBootstrap(group: group)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(DatagramHandler(received: received))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
    }
}

/// Hands each datagram a channel reads to a closure.
private final class DatagramHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>

    private let received: @Sendable (AddressedEnvelope<ByteBuffer>) -> Void

    init(received: @escaping @Sendable (AddressedEnvelope<ByteBuffer>) -> Void) {
        self.received = received
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        received(Self.unwrapInboundIn(data))
    }
}
