import NIOCore
import Testing

@testable import DTLSCore

@Suite("Flight retransmission timer (RFC 6347 §4.2.4)")
struct FlightTransmitterTests {
    /// 1 s doubling up to 6 s; gives up after 4 retransmissions.
    static let policy = RetransmissionPolicy(initialTimeout: .seconds(1), maximumTimeout: .seconds(6), maximumRetransmissions: 4)

    static let flight = Flight(
        items: [.handshake(HandshakeMessage(type: .clientHello, sequence: 0, body: ByteBuffer(bytes: [1]), epoch: 0))],
        expectsResponse: true
    )
    static let finalFlight = Flight(items: flight.items, expectsResponse: false)

    private static func at(_ seconds: Int) -> DTLSInstant {
        DTLSInstant.zero.advanced(by: .seconds(seconds))
    }

    @Test("starting a flight arms the timer at the initial timeout")
    func initialTimeout() {
        var transmitter = FlightTransmitter(policy: Self.policy)
        #expect(transmitter.flight == nil)
        #expect(transmitter.deadline == nil)
        transmitter.start(Self.flight, now: Self.at(10))
        #expect(transmitter.flight != nil)
        #expect(transmitter.deadline == Self.at(11))
        #expect(transmitter.expire(now: Self.at(10).advanced(by: .milliseconds(999))) == .notDue)
        #expect(transmitter.deadline == Self.at(11))
    }

    @Test("each expiry retransmits and doubles the timeout up to the maximum, then gives up")
    func backoff() {
        var transmitter = FlightTransmitter(policy: Self.policy)
        transmitter.start(Self.flight, now: Self.at(0))
        #expect(transmitter.expire(now: Self.at(1)) == .retransmit)
        #expect(transmitter.deadline == Self.at(3))
        #expect(transmitter.expire(now: Self.at(3)) == .retransmit)
        #expect(transmitter.deadline == Self.at(7))
        #expect(transmitter.expire(now: Self.at(7)) == .retransmit)
        #expect(transmitter.deadline == Self.at(13))
        #expect(transmitter.expire(now: Self.at(13)) == .retransmit)
        #expect(transmitter.deadline == Self.at(19))
        #expect(transmitter.expire(now: Self.at(19)) == .giveUp)
        #expect(transmitter.deadline == nil)
        #expect(transmitter.expire(now: Self.at(100)) == .notDue)
    }

    @Test("with no retransmissions allowed the first expiry gives up")
    func noRetransmissions() {
        var transmitter = FlightTransmitter(policy: RetransmissionPolicy(initialTimeout: .seconds(1), maximumRetransmissions: 0))
        transmitter.start(Self.flight, now: Self.at(0))
        #expect(transmitter.expire(now: Self.at(1)) == .giveUp)
    }

    @Test("a final flight has no deadline and never expires, but is resent when the peer repeats itself")
    func finalFlight() {
        var transmitter = FlightTransmitter(policy: Self.policy)
        transmitter.start(Self.finalFlight, now: Self.at(0))
        #expect(transmitter.deadline == nil)
        #expect(transmitter.expire(now: Self.at(1000)) == .notDue)
        let resent = transmitter.peerRetransmitted(now: Self.at(1001))
        #expect(resent)
        #expect(transmitter.deadline == nil)
    }

    @Test("a peer retransmission restarts the timer at its current value, without doubling or counting")
    func peerRetransmitted() {
        var transmitter = FlightTransmitter(policy: Self.policy)
        transmitter.start(Self.flight, now: Self.at(0))
        #expect(transmitter.expire(now: Self.at(1)) == .retransmit)
        let resentFirst = transmitter.peerRetransmitted(now: Self.at(2))
        #expect(resentFirst)
        #expect(transmitter.deadline == Self.at(4))
        let resentSecond = transmitter.peerRetransmitted(now: Self.at(3))
        #expect(resentSecond)
        #expect(transmitter.deadline == Self.at(5))
        // Still three retransmissions left before giving up.
        #expect(transmitter.expire(now: Self.at(5)) == .retransmit)
        #expect(transmitter.deadline == Self.at(9))
        #expect(transmitter.expire(now: Self.at(9)) == .retransmit)
        #expect(transmitter.expire(now: Self.at(15)) == .retransmit)
        #expect(transmitter.expire(now: Self.at(21)) == .giveUp)
    }

    @Test("without a flight there is nothing to resend")
    func peerRetransmittedWithoutFlight() {
        var transmitter = FlightTransmitter(policy: Self.policy)
        let resent = transmitter.peerRetransmitted(now: Self.at(0))
        #expect(!resent)
        #expect(transmitter.deadline == nil)
    }

    @Test("after loss the next flight keeps the backed-off timeout; after a loss-free flight it resets")
    func timeoutCarriesOver() {
        var transmitter = FlightTransmitter(policy: Self.policy)
        transmitter.start(Self.flight, now: Self.at(0))
        #expect(transmitter.expire(now: Self.at(1)) == .retransmit)
        #expect(transmitter.expire(now: Self.at(3)) == .retransmit)
        transmitter.start(Self.flight, now: Self.at(5))
        #expect(transmitter.deadline == Self.at(9))
        transmitter.start(Self.flight, now: Self.at(6))
        #expect(transmitter.deadline == Self.at(7))
    }

    @Test("a new flight gets the full retransmission budget again")
    func budgetPerFlight() {
        var transmitter = FlightTransmitter(
            policy: RetransmissionPolicy(initialTimeout: .seconds(1), maximumTimeout: .seconds(1), maximumRetransmissions: 1))
        transmitter.start(Self.flight, now: Self.at(0))
        #expect(transmitter.expire(now: Self.at(1)) == .retransmit)
        transmitter.start(Self.flight, now: Self.at(2))
        #expect(transmitter.expire(now: Self.at(3)) == .retransmit)
        #expect(transmitter.expire(now: Self.at(4)) == .giveUp)
    }

    @Test("stop forgets the flight and the timer")
    func stop() {
        var transmitter = FlightTransmitter(policy: Self.policy)
        transmitter.start(Self.flight, now: Self.at(0))
        transmitter.stop()
        #expect(transmitter.flight == nil)
        #expect(transmitter.deadline == nil)
        #expect(transmitter.expire(now: Self.at(100)) == .notDue)
        let resent = transmitter.peerRetransmitted(now: Self.at(100))
        #expect(!resent)
    }

    @Test("the RFC 6347 and RFC 7925 presets")
    func presets() {
        #expect(
            RetransmissionPolicy.rfc6347 == RetransmissionPolicy(initialTimeout: .seconds(1), maximumTimeout: .seconds(60), maximumRetransmissions: 5)
        )
        #expect(
            RetransmissionPolicy.rfc7925 == RetransmissionPolicy(initialTimeout: .seconds(9), maximumTimeout: .seconds(60), maximumRetransmissions: 2)
        )
    }
}
