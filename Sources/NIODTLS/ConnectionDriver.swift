import DTLSCore
import NIOCore

/// Runs one ``DTLSConnection`` on an event loop: feeds it datagrams, keeps its timer armed,
/// writes the datagrams it produces and routes its other events.
///
/// Confined to its event loop; never touched from elsewhere.
final class ConnectionDriver {
    /// What the driver reports to its owner.
    struct Callbacks {
        var handshakeCompleted: (DTLSSessionInfo) -> Void
        var applicationData: (ByteBuffer) -> Void
        var closed: (DTLSError?) -> Void

        /// Callbacks that do nothing: what a finished driver keeps, so that no closure it holds
        /// keeps it or its owner alive (the owner's closures capture the driver).
        static var detached: Callbacks { Callbacks(handshakeCompleted: { _ in }, applicationData: { _ in }, closed: { _ in }) }
    }

    let connection: DTLSConnection
    /// Where the peer currently is.
    var remoteAddress: SocketAddress
    let eventLoop: EventLoop
    private let write: (AddressedEnvelope<ByteBuffer>) -> Void
    private let flush: () -> Void
    private var callbacks: Callbacks
    private var timer: Scheduled<Void>?
    private var timerDeadline: DTLSInstant?
    /// When the last datagram arrived from the peer.
    private(set) var lastActivity: DTLSInstant

    init(
        connection: DTLSConnection,
        remoteAddress: SocketAddress,
        eventLoop: EventLoop,
        write: @escaping (AddressedEnvelope<ByteBuffer>) -> Void,
        flush: @escaping () -> Void,
        callbacks: Callbacks
    ) {
        self.connection = connection
        self.remoteAddress = remoteAddress
        self.eventLoop = eventLoop
        self.write = write
        self.flush = flush
        self.callbacks = callbacks
        self.lastActivity = .nioNow
    }

    /// Replaces the callbacks (when the owner hands the connection to the application).
    func setCallbacks(_ callbacks: Callbacks) {
        self.callbacks = callbacks
    }

    /// Feeds a datagram; returns what its records did.
    @discardableResult
    func receive(_ datagram: ByteBuffer) -> DTLSReceiveResult {
        let now = DTLSInstant.nioNow
        lastActivity = now
        let authenticated = connection.receive(datagram: datagram, now: now)
        drain()
        return authenticated
    }

    func send(_ data: ByteBuffer) throws(DTLSError) {
        try connection.send(data, now: .nioNow)
        drain()
    }

    func close() {
        connection.close(now: .nioNow)
        drain()
    }

    /// Ends the connection without a word to the peer (it has started a new association).
    func abandon(_ error: DTLSError) {
        cancelTimer()
        finish(error)
    }

    /// The socket is gone: ends the connection for its owner if it had not ended.
    func socketClosed() {
        cancelTimer()
        finish(DTLSError(.connectionClosed, "the UDP socket closed"))
    }

    /// Reports the end once and lets go of the owner's closures.
    private func finish(_ error: DTLSError?) {
        let callbacks = self.callbacks
        self.callbacks = .detached
        callbacks.closed(error)
    }

    /// Emits whatever the connection queued and re-arms its timer.
    func drain() {
        var wrote = false
        while let event = connection.nextEvent() {
            switch event {
            case .transmit(let datagram):
                write(AddressedEnvelope(remoteAddress: remoteAddress, data: datagram))
                wrote = true
            case .handshakeCompleted(let info):
                callbacks.handshakeCompleted(info)
            case .applicationData(let data):
                callbacks.applicationData(data)
            case .verifyPeer(let request):
                verify(request)
            case .closed(let error):
                if wrote { flush() }
                wrote = false
                cancelTimer()
                finish(error)
            }
        }
        if wrote { flush() }
        armTimer()
    }

    /// Runs the certificate verifier off the event loop and resumes the handshake with its verdict.
    private func verify(_ request: DTLSPeerVerificationRequest) {
        let driver = NIOLoopBound(self, eventLoop: eventLoop)
        let eventLoop = self.eventLoop
        Task {
            let verdict = await request.verify()
            eventLoop.execute {
                driver.value.connection.completePeerVerification(verdict, now: .nioNow)
                driver.value.drain()
            }
        }
    }

    private func armTimer() {
        let deadline = connection.nextDeadline
        guard deadline != timerDeadline else { return }
        cancelTimer()
        guard let deadline else { return }
        timerDeadline = deadline
        timer = eventLoop.assumeIsolated().scheduleTask(deadline: deadline.nioDeadline) { [self] in
            timer = nil
            timerDeadline = nil
            connection.handleTimeout(now: .nioNow)
            drain()
        }
    }

    func cancelTimer() {
        timer?.cancel()
        timer = nil
        timerDeadline = nil
    }
}
