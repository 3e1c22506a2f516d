import NIOCore
import NIOPosix
import Synchronization

/// A UDP socket on a free port of 127.0.0.1 that sends datagrams and counts what comes back,
/// to play a stranger (say, an attacker replaying captured records) against a server.
/// Call ``close()`` in a `defer` right after binding one.
final class UDPProbe: Sendable {
    private let channel: any Channel
    private let counter: ArrivalCounter

    private init(channel: any Channel, counter: ArrivalCounter) {
        self.channel = channel
        self.counter = counter
    }

    /// Binds a new socket.
    static func bind() async throws -> UDPProbe {
        let counter = ArrivalCounter()
        let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ArrivalCountingHandler(counter: counter))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        return UDPProbe(channel: channel, counter: counter)
    }

    /// The socket's port.
    var port: Int { channel.localAddress?.port ?? 0 }

    /// How many datagrams arrived so far.
    var received: Int { counter.count.withLock { $0 } }

    /// Sends `datagram` to 127.0.0.1:`port`.
    func send(_ datagram: ByteBuffer, toPort port: Int) async throws {
        let address = try SocketAddress(ipAddress: "127.0.0.1", port: port)
        try await channel.writeAndFlush(AddressedEnvelope(remoteAddress: address, data: datagram))
    }

    /// Closes the socket (without waiting for it to close).
    func close() {
        channel.close(promise: nil)
    }
}

/// The number of datagrams a probe received.
private final class ArrivalCounter: Sendable {
    let count = Mutex(0)
}

/// Counts the datagrams a probe's socket reads.
private final class ArrivalCountingHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>

    private let counter: ArrivalCounter

    init(counter: ArrivalCounter) {
        self.counter = counter
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        counter.count.withLock { $0 += 1 }
    }
}
