import DTLSCore
import NIOCore
import NIOPosix

/// Connects to DTLS servers over UDP.
public enum NIODTLSClient {
    /// Opens a UDP socket to `address`, runs the handshake and returns the connection.
    ///
    /// Throws the ``DTLSError`` that failed the handshake (an alert from the server, a timeout
    /// after the retransmission budget, a verification failure) or a socket error.
    public static func connect(
        to address: SocketAddress,
        configuration: DTLSConfiguration,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        inboundBufferLimit: Int = 1024
    ) async throws -> NIODTLSConnection {
        let eventLoop = eventLoopGroup.next()
        let established = eventLoop.makePromise(of: NIODTLSConnection.self)
        let channel = try await DatagramBootstrap(group: eventLoop)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let handler = ClientChannelHandler(
                        configuration: configuration,
                        remoteAddress: address,
                        inboundBufferLimit: inboundBufferLimit,
                        established: established
                    )
                    try channel.pipeline.syncOperations.addHandler(handler)
                }
            }
            .connect(to: address)
            .get()
        do {
            // Cancelling the task closes the socket, which fails the handshake promptly.
            return try await withTaskCancellationHandler {
                try await established.futureResult.get()
            } onCancel: {
                channel.close(promise: nil)
            }
        } catch {
            try? await channel.close()
            throw error
        }
    }

    /// Resolves `host` and connects to it; see ``connect(to:configuration:eventLoopGroup:inboundBufferLimit:)``.
    public static func connect(
        host: String,
        port: Int,
        configuration: DTLSConfiguration,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> NIODTLSConnection {
        let address = try SocketAddress.makeAddressResolvingHost(host, port: port)
        return try await connect(to: address, configuration: configuration, eventLoopGroup: eventLoopGroup)
    }
}

/// Drives the client connection on a connected datagram channel.
private final class ClientChannelHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias OutboundOut = AddressedEnvelope<ByteBuffer>

    private let configuration: DTLSConfiguration
    private let remoteAddress: SocketAddress
    private let inboundBufferLimit: Int
    private let established: EventLoopPromise<NIODTLSConnection>
    private var driver: ConnectionDriver?
    /// Whether `established` has been completed (it must be, exactly once).
    private var settled = false

    init(
        configuration: DTLSConfiguration,
        remoteAddress: SocketAddress,
        inboundBufferLimit: Int,
        established: EventLoopPromise<NIODTLSConnection>
    ) {
        self.configuration = configuration
        self.remoteAddress = remoteAddress
        self.inboundBufferLimit = inboundBufferLimit
        self.established = established
    }

    func channelActive(context: ChannelHandlerContext) {
        let connection: DTLSConnection
        do {
            connection = try DTLSConnection(client: configuration, now: .nioNow)
        } catch {
            settle(.failure(error))
            context.close(promise: nil)
            return
        }
        let channel = context.channel
        let driver = ConnectionDriver(
            connection: connection,
            remoteAddress: remoteAddress,
            eventLoop: context.eventLoop,
            write: { envelope in channel.write(envelope, promise: nil) },
            flush: { channel.flush() },
            callbacks: ConnectionDriver.Callbacks(
                handshakeCompleted: { [self] info in handshakeCompleted(info, channel: channel) },
                applicationData: { _ in },
                closed: { [self] error in
                    settle(.failure(error ?? DTLSError(.connectionClosed, "peer closed during the handshake")))
                    channel.close(promise: nil)
                }
            )
        )
        self.driver = driver
        driver.drain()
        context.fireChannelActive()
    }

    private func handshakeCompleted(_ info: DTLSSessionInfo, channel: any Channel) {
        guard let driver else { return }
        let connection = NIODTLSConnection(
            driver: driver,
            sessionInfo: info,
            eventLoop: channel.eventLoop,
            inboundBufferLimit: inboundBufferLimit,
            onClose: { channel.close(promise: nil) }
        )
        settle(.success(connection))
    }

    private func settle(_ result: Result<NIODTLSConnection, any Error>) {
        guard !settled else { return }
        settled = true
        established.completeWith(result)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        driver?.receive(unwrapInboundIn(data).data)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // ICMP errors on UDP are unauthenticated; the retransmission timer decides.
    }

    func channelInactive(context: ChannelHandlerContext) {
        driver?.socketClosed()
        settle(.failure(DTLSError(.connectionClosed, "socket closed during the handshake")))
        context.fireChannelInactive()
    }
}
