import DTLSCore
import DTLSSimulation
import NIOCore
import Testing

@Suite("Flight retransmission (RFC 6347 §4.2.4)")
struct RetransmissionTests {
    private func seconds(_ pair: SimulatedPair, _ transmissions: [SimulatedPair.Transmission]) -> [Double] {
        let start = transmissions.first?.time ?? pair.now
        return transmissions.map { Double(start.duration(to: $0.time).components.seconds) }
    }

    @Test("the timer starts at 1 s, doubles, and the handshake fails after the last retransmission")
    func rfc6347Timer() throws {
        let pair = try SimulatedPair(client: Fixtures.client(), server: Fixtures.server(), serverToClient: LinkConditions(lossRate: 1))
        #expect(!pair.runHandshake())
        let hellos = pair.transmissions.filter { $0.from == .client }
        #expect(seconds(pair, hellos) == [0, 1, 3, 7, 15, 31])
        #expect(pair.clientClosed??.code == .handshakeTimeout)
        #expect(pair.now == hellos[0].time.advanced(by: .seconds(63)))
    }

    @Test("the RFC 7925 profile timer starts at 9 s and gives up after about 63 s")
    func rfc7925Timer() throws {
        var client = Fixtures.client()
        client.retransmission = .rfc7925
        let pair = try SimulatedPair(client: client, server: Fixtures.server(), serverToClient: LinkConditions(lossRate: 1))
        #expect(!pair.runHandshake())
        let hellos = pair.transmissions.filter { $0.from == .client }
        #expect(seconds(pair, hellos) == [0, 9, 27])
        #expect(pair.now == hellos[0].time.advanced(by: .seconds(63)))
    }

    @Test("the timer never exceeds the maximum")
    func timerCap() throws {
        var client = Fixtures.client()
        client.retransmission = RetransmissionPolicy(initialTimeout: .seconds(8), maximumTimeout: .seconds(20), maximumRetransmissions: 4)
        let pair = try SimulatedPair(client: client, server: Fixtures.server(), serverToClient: LinkConditions(lossRate: 1))
        #expect(!pair.runHandshake())
        #expect(seconds(pair, pair.transmissions.filter { $0.from == .client }) == [0, 8, 24, 44, 64])
    }

    @Test("retransmitted records carry fresh sequence numbers; the handshake message keeps its message_seq")
    func freshSequenceNumbers() throws {
        let pair = try SimulatedPair(client: Fixtures.client(), server: Fixtures.server(), serverToClient: LinkConditions(lossRate: 1))
        pair.run(until: { pair.transmissions.filter { $0.from == .client }.count >= 3 })
        let records = pair.transmissions.filter { $0.from == .client }.prefix(3).flatMap { DTLSWireInspector.records(in: $0.datagram) }
        #expect(records.map(\.sequenceNumber) == [0, 1, 2])
        #expect(records.flatMap(\.handshakeFragments).map(\.messageSequence) == [0, 0, 0])
    }

    @Test("a lost final flight is resent when the client repeats its flight")
    func lostFinalFlight() throws {
        let pair = try SimulatedPair(client: Fixtures.client(), server: Fixtures.server())
        var droppedFinalFlight = false
        pair.dropRule = { side, datagram in
            let records = DTLSWireInspector.records(in: datagram)
            guard side == .server, !droppedFinalFlight, records.first?.contentType == .changeCipherSpec else { return false }
            droppedFinalFlight = true
            return true
        }
        #expect(pair.runHandshake())
        #expect(droppedFinalFlight)
        #expect(pair.client.statistics.flightRetransmissions == 1)
        #expect(pair.serverConnection?.statistics.flightRetransmissions == 1)
        // The server resent on the client's retransmission, not on a timer: it has none after flight 6.
        #expect(pair.serverConnection?.nextDeadline == nil)
    }

    @Test("a lost client flight 5 is recovered by the server's flight 4 timer or the client's timer")
    func lostClientKeyExchangeFlight() throws {
        let pair = try SimulatedPair(client: Fixtures.client(), server: Fixtures.server())
        var dropped = 0
        pair.dropRule = { side, datagram in
            let types = DTLSWireInspector.records(in: datagram).flatMap(\.handshakeFragments).map(\.messageType)
            guard side == .client, types.contains(.clientKeyExchange), dropped < 2 else { return false }
            dropped += 1
            return true
        }
        #expect(pair.runHandshake())
        #expect(dropped == 2)
    }

    @Test("HelloVerifyRequests are never retransmitted by the server")
    func helloVerifyRequestNotRetransmitted() throws {
        let pair = try SimulatedPair(client: Fixtures.client(), server: Fixtures.server())
        // The first hello is already on its way; everything the client sends after it is lost.
        pair.dropRule = { side, _ in side == .client }
        pair.run(until: { false }, timeLimit: .seconds(70))
        let fromServer = pair.transmissions.filter { $0.from == .server }
        #expect(fromServer.count == 1)
        #expect(pair.serverConnection == nil)
    }
}
