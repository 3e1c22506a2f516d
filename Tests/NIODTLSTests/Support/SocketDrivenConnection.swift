import DTLSCore
import NIOCore
import NIODTLS

/// Drives a sans-I/O connection over a ``RawUDPSocket`` with the real clock, for tests that
/// must pick the client's source address.
struct SocketDrivenConnection {
    let connection: DTLSConnection
    var socket: RawUDPSocket
    let serverPort: Int
    /// Application data received so far.
    private(set) var received: [String] = []
    private(set) var closed: DTLSError??

    init(configuration: DTLSConfiguration, socket: RawUDPSocket, serverPort: Int) throws {
        self.connection = try DTLSConnection(client: configuration, now: Self.now)
        self.socket = socket
        self.serverPort = serverPort
        flush()
    }

    static var now: DTLSInstant { DTLSInstant(nanoseconds: NIODeadline.now().uptimeNanoseconds) }

    /// Pumps until `condition` holds or `limit` passes; returns whether it holds.
    mutating func run(until condition: (SocketDrivenConnection) -> Bool, limit: Duration = .seconds(10)) async -> Bool {
        let end = ContinuousClock.now + limit
        while !condition(self), ContinuousClock.now < end {
            if let datagram = socket.receive() {
                deliver(datagram)
            } else {
                try? await Task.sleep(for: .milliseconds(2))
            }
            pump()
        }
        return condition(self)
    }

    /// Feeds one datagram; returns how many of its records authenticated.
    @discardableResult
    mutating func deliver(_ datagram: ByteBuffer) -> Int {
        let result = connection.receive(datagram: datagram, now: Self.now)
        flush()
        return result.authenticatedRecords
    }

    /// Fires a due timer and sends what is queued.
    mutating func pump() {
        if let deadline = connection.nextDeadline, deadline <= Self.now { connection.handleTimeout(now: Self.now) }
        flush()
    }

    mutating func send(_ text: String) throws {
        try connection.send(ByteBuffer(string: text), now: Self.now)
        flush()
    }

    private mutating func flush() {
        while let event = connection.nextEvent() {
            switch event {
            case .transmit(let datagram): socket.send(datagram, toPort: serverPort)
            case .applicationData(let data): received.append(String(buffer: data))
            case .closed(let error): closed = .some(error)
            case .handshakeCompleted, .verifyPeer: break
            }
        }
    }
}
