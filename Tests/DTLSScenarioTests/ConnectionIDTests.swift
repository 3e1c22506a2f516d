import NIOCore
import Testing

@testable import DTLSCore
@testable import DTLSSimulation

/// Connection IDs (RFC 9146): negotiation, record layout, and the receive results an adapter
/// uses to follow a client to a new address.
@Suite("Connection IDs")
struct ConnectionIDTests {
    private func pair(
        client clientLength: Int?,
        server serverLength: Int?,
        codePoint: ConnectionIDCodePoint = .rfc9146
    ) throws -> SimulatedPair {
        var client = Fixtures.client()
        client.connectionIDs = clientLength.map { .random(length: $0, codePoint: codePoint) }
        var server = Fixtures.server()
        server.connectionIDs = serverLength.map { .random(length: $0, codePoint: codePoint) }
        return try SimulatedPair(client: client, server: server)
    }

    private func exchange(_ pair: SimulatedPair) throws {
        try pair.send(Array("up".utf8), from: .client)
        try pair.send(Array("down".utf8), from: .server)
        pair.run(until: { pair.clientReceived.count == 1 && pair.serverReceived.count == 1 })
        #expect(pair.received(on: .server) == ["up"])
        #expect(pair.received(on: .client) == ["down"])
    }

    /// The records `side` sent after the handshake (application data).
    private func dataRecords(_ pair: SimulatedPair, from side: SimulatedPair.Side) -> [ByteBuffer] {
        pair.transmissions.filter { $0.from == side && !$0.duringHandshake }.map(\.datagram)
    }

    @Test("both sides put the other's ID in every protected record", arguments: [ConnectionIDCodePoint.rfc9146, .mbedTLSCompatibility])
    func negotiated(codePoint: ConnectionIDCodePoint) throws {
        let pair = try pair(client: 4, server: 6, codePoint: codePoint)
        #expect(pair.runHandshake())
        let clientID = try #require(pair.clientSession?.connectionID)
        let serverID = try #require(pair.serverSession?.connectionID)
        #expect(clientID.count == 4 && serverID.count == 6)
        #expect(pair.clientSession?.peerConnectionID == serverID)
        #expect(pair.serverSession?.peerConnectionID == clientID)
        try exchange(pair)
        let up = try #require(dataRecords(pair, from: .client).first)
        #expect(up.getInteger(at: 0, as: UInt8.self) == ContentType.connectionID.rawValue)
        #expect(up.getBytes(at: 11, length: 6) == serverID)
        // 13-byte header + 6 of ID + explicit nonce 8 + "up" + real type 1 + tag 8.
        #expect(up.readableBytes == 13 + 6 + 8 + 2 + 1 + 8)
        let down = try #require(dataRecords(pair, from: .server).first)
        #expect(down.getBytes(at: 11, length: 4) == clientID)
        // The Finished messages were already sent in the new format.
        let clientFinished = pair.transmissions.filter { $0.from == .client && $0.duringHandshake }.last!.datagram
        #expect(DTLSWireInspector.records(in: clientFinished, connectionIDLength: 6).last?.contentType == .connectionID)
    }

    @Test("a zero-length ID asks for plain records while still sending the peer's ID")
    func zeroLength() throws {
        let pair = try pair(client: 0, server: 5)
        #expect(pair.runHandshake())
        #expect(pair.clientSession?.connectionID == [])
        try exchange(pair)
        #expect(dataRecords(pair, from: .client).first?.getInteger(at: 0, as: UInt8.self) == ContentType.connectionID.rawValue)
        #expect(dataRecords(pair, from: .server).first?.getInteger(at: 0, as: UInt8.self) == ContentType.applicationData.rawValue)
    }

    @Test("without a server that accepts them, no IDs are used")
    func notAccepted() throws {
        let pair = try pair(client: 4, server: nil)
        #expect(pair.runHandshake())
        #expect(pair.clientSession?.connectionID == nil)
        #expect(!(pair.clientSession?.serverHelloExtensions.contains(.connectionID) ?? true))
        try exchange(pair)
    }

    @Test("different code points do not negotiate")
    func codePointMismatch() throws {
        var client = Fixtures.client()
        client.connectionIDs = .random(length: 4, codePoint: .mbedTLSCompatibility)
        var server = Fixtures.server()
        server.connectionIDs = .random(length: 4)
        let pair = try SimulatedPair(client: client, server: server)
        #expect(pair.runHandshake())
        #expect(pair.clientSession?.connectionID == nil)
    }

    @Test("receive results: newest authenticated records may move an address; replays, old and forged records may not")
    func receiveResults() throws {
        let pair = try pair(client: 4, server: 4)
        #expect(pair.runHandshake())
        let server = try #require(pair.serverConnection)
        var datagrams: [ByteBuffer] = []
        for index in 0..<3 {
            try pair.client.send(ByteBuffer(string: "m\(index)"), now: pair.now)
            while let event = pair.client.nextEvent() {
                if case .transmit(let datagram) = event { datagrams.append(datagram) }
            }
        }
        let newest = server.receive(datagram: datagrams[2], now: pair.now)
        #expect(newest == DTLSReceiveResult(authenticatedRecords: 1, advancedHighestRecord: true))
        let older = server.receive(datagram: datagrams[1], now: pair.now)
        #expect(older == DTLSReceiveResult(authenticatedRecords: 1, advancedHighestRecord: false))
        let replayed = server.receive(datagram: datagrams[2], now: pair.now)
        #expect(replayed == DTLSReceiveResult(authenticatedRecords: 0, advancedHighestRecord: false))
        var forged = ByteBuffer(buffer: datagrams[0])
        forged.setInteger(UInt16(0xFFFF), at: 9)
        forged.setInteger(UInt8(0x42), at: forged.writerIndex - 1)
        let forgery = server.receive(datagram: forged, now: pair.now)
        #expect(forgery == DTLSReceiveResult(authenticatedRecords: 0, advancedHighestRecord: false))
        #expect(server.statistics.drops(.replayed) == 1)
        #expect(server.statistics.drops(.authenticationFailed) == 1)
    }

    @Test("records without the expected ID, or with an ID of the wrong length, are dropped")
    func malformedRecords() throws {
        let pair = try pair(client: 4, server: 4)
        #expect(pair.runHandshake())
        let server = try #require(pair.serverConnection)
        try pair.client.send(ByteBuffer(string: "x"), now: pair.now)
        guard case .transmit(let datagram) = pair.client.nextEvent() else {
            Issue.record("no datagram")
            return
        }
        // The same record without its ID, claiming to be a classic application record.
        var classic = ByteBuffer(bytes: [ContentType.applicationData.rawValue] + Array(datagram.getBytes(at: 1, length: 10)!))
        classic.writeBytes(datagram.getBytes(at: 15, length: datagram.readableBytes - 15)!)
        server.receive(datagram: classic, now: pair.now)
        #expect(server.statistics.drops(.unexpectedContentType) == 1)
        // A record too short to hold the ID and length.
        server.receive(datagram: ByteBuffer(bytes: [25, 0xFE, 0xFD, 0, 1, 0, 0, 0, 0, 0, 9, 1, 2]), now: pair.now)
        #expect(server.statistics.drops(.malformedRecord) == 1)
        #expect(server.isEstablished)
    }

    @Test("connection IDs survive loss and reordering", arguments: 1...5)
    func lossy(seed: UInt64) throws {
        var client = Fixtures.client(seed: seed)
        client.connectionIDs = .random(length: 3)
        client.retransmission = Fixtures.patientRetransmission
        var server = Fixtures.server(seed: seed + 100)
        server.connectionIDs = .random(length: 8)
        server.retransmission = Fixtures.patientRetransmission
        let link = LinkConditions(lossRate: 0.3, duplicationRate: 0.1, reorderRate: 0.3)
        let pair = try SimulatedPair(client: client, server: server, clientToServer: link, serverToClient: link, seed: seed)
        #expect(pair.runHandshake())
        #expect(pair.serverSession?.connectionID?.count == 8)
    }
}
