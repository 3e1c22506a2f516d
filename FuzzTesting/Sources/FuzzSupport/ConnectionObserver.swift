import DTLSCore
import NIOCore

/// Drains a connection's events and checks what every connection must do, whatever it receives:
/// datagrams within the MTU and made of whole records, at most one completion, nothing after
/// the close event, and retransmission timers that stop.
public final class ConnectionObserver {
    public let connection: DTLSConnection
    private let maximumTransmissionUnit: Int
    private let name: String

    /// Datagrams sent, in order.
    public private(set) var sent: [ByteBuffer] = []
    /// Application data received, in order.
    public private(set) var received: [ByteBuffer] = []
    public private(set) var completed = false
    public private(set) var closed = false

    public init(_ connection: DTLSConnection, maximumTransmissionUnit: Int, name: String) {
        self.connection = connection
        self.maximumTransmissionUnit = maximumTransmissionUnit
        self.name = name
        drain()
    }

    /// Hands `datagram` to the connection and drains what it produced.
    public func receive(_ datagram: ByteBuffer, now: DTLSInstant) {
        connection.receive(datagram: datagram, now: now)
        drain()
    }

    /// Takes every pending event.
    public func drain() {
        while let event = connection.nextEvent() {
            invariant(!closed, "\(name) produced an event after its close event")
            switch event {
            case .transmit(let datagram):
                checkSentDatagram(datagram, maximumTransmissionUnit: maximumTransmissionUnit, sender: name)
                sent.append(datagram)
            case .applicationData(let data):
                received.append(data)
            case .handshakeCompleted:
                invariant(!completed, "\(name) completed its handshake twice")
                completed = true
            case .verifyPeer:
                break
            case .closed:
                closed = true
                invariant(connection.isClosed, "\(name) reported a close but is not closed")
            }
        }
    }

    /// Fires the retransmission timer at each deadline until none is left; the handshake must
    /// give up (or finish) within `limit` expiries.
    public func runTimersToCompletion(limit: Int = 64) {
        var expiries = 0
        while let deadline = connection.nextDeadline, expiries < limit {
            connection.handleTimeout(now: deadline)
            drain()
            expiries += 1
        }
        invariant(connection.nextDeadline == nil, "\(name) still has a timer after \(limit) expiries")
    }
}
