/// The retransmission half of RFC 6347 §4.2.4: holds the current flight and its timer.
///
/// The timer starts at the policy's initial value and doubles on each retransmission up to the
/// maximum. A flight that needed no retransmission resets the value for the next one; after
/// loss the backed-off value is kept (RFC 6347 §4.2.4.1).
struct FlightTransmitter: Sendable {
    /// What to do when the clock passes the deadline.
    enum Expiry: Equatable {
        case notDue
        case retransmit
        case giveUp
    }

    private let policy: RetransmissionPolicy
    private(set) var flight: Flight?
    private(set) var deadline: DTLSInstant?
    private var timeout: Duration
    private var retransmissions = 0

    init(policy: RetransmissionPolicy) {
        self.policy = policy
        self.timeout = policy.initialTimeout
    }

    /// Makes `flight` current; arms the timer unless it is a final flight.
    mutating func start(_ flight: Flight, now: DTLSInstant) {
        if retransmissions == 0 { timeout = policy.initialTimeout }
        retransmissions = 0
        self.flight = flight
        deadline = flight.expectsResponse ? now.advanced(by: timeout) : nil
    }

    /// The clock reached `now`.
    mutating func expire(now: DTLSInstant) -> Expiry {
        guard let deadline, now >= deadline else { return .notDue }
        guard retransmissions < policy.maximumRetransmissions else {
            self.deadline = nil
            return .giveUp
        }
        retransmissions += 1
        timeout = min(timeout * 2, policy.maximumTimeout)
        self.deadline = now.advanced(by: timeout)
        return .retransmit
    }

    /// The peer repeated its previous flight; we resend ours and restart the timer at its
    /// current value (RFC 6347 §4.2.4). Returns whether there is a flight to resend.
    mutating func peerRetransmitted(now: DTLSInstant) -> Bool {
        guard let flight else { return false }
        if flight.expectsResponse { deadline = now.advanced(by: timeout) }
        return true
    }

    /// The handshake is over for this side: no more timers, nothing to resend.
    mutating func stop() {
        flight = nil
        deadline = nil
    }
}
