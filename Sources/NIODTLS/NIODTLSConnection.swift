import DTLSCore
import NIOCore

/// An established DTLS association over UDP, for async code.
///
/// Read with ``inbound``: it yields each decrypted application record, finishes after an
/// orderly close_notify and throws the ``DTLSError`` that ended the connection otherwise.
public final class NIODTLSConnection: Sendable {
    /// The peer's address (it can change during the connection's life).
    public var remoteAddress: SocketAddress {
        get async { (try? await eventLoop.submit { self.driver.value.remoteAddress }.get()) ?? initialAddress }
    }
    /// What the handshake negotiated.
    public let sessionInfo: DTLSSessionInfo
    /// Application data from the peer, one element per record.
    public let inbound: AsyncThrowingStream<ByteBuffer, Error>

    private let driver: NIOLoopBound<ConnectionDriver>
    private let eventLoop: EventLoop
    private let initialAddress: SocketAddress
    private let closedPromise: EventLoopPromise<Void>

    /// Must be created on `eventLoop`.
    init(
        driver: ConnectionDriver,
        sessionInfo: DTLSSessionInfo,
        eventLoop: EventLoop,
        inboundBufferLimit: Int,
        onClose: @escaping () -> Void = {}
    ) {
        eventLoop.preconditionInEventLoop()
        self.sessionInfo = sessionInfo
        self.eventLoop = eventLoop
        self.initialAddress = driver.remoteAddress
        self.driver = NIOLoopBound(driver, eventLoop: eventLoop)
        let closedPromise = eventLoop.makePromise(of: Void.self)
        self.closedPromise = closedPromise
        let (stream, continuation) = AsyncThrowingStream<ByteBuffer, Error>.makeStream(
            bufferingPolicy: .bufferingOldest(inboundBufferLimit)
        )
        self.inbound = stream
        driver.setCallbacks(
            ConnectionDriver.Callbacks(
                handshakeCompleted: { _ in },
                applicationData: { data in continuation.yield(data) },
                closed: { error in
                    if let error {
                        continuation.finish(throwing: error)
                        closedPromise.fail(error)
                    } else {
                        continuation.finish()
                        closedPromise.succeed()
                    }
                    onClose()
                }
            )
        )
    }

    /// Encrypts and sends `data` as one record.
    public func send(_ data: ByteBuffer) async throws {
        try await eventLoop.submit { () throws -> Void in try self.driver.value.send(data) }.get()
    }

    /// Sends close_notify and ends the connection.
    public func close() async {
        try? await eventLoop.submit { self.driver.value.close() }.get()
    }

    /// Waits until the connection ends; throws the error that failed it, if one did.
    public func waitUntilClosed() async throws {
        try await closedPromise.futureResult.get()
    }

    /// The connection's counters, read on its event loop.
    public var statistics: DTLSStatistics {
        get async throws { try await eventLoop.submit { self.driver.value.connection.statistics }.get() }
    }
}
