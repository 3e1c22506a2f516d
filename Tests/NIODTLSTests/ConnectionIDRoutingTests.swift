import DTLSCore
import NIOCore
import NIODTLS
import Testing

@Suite("Connection IDs over UDP", .timeLimit(.minutes(1)))
struct ConnectionIDRoutingTests {
    private var server: DTLSConfiguration {
        var configuration = NIOFixtures.server
        configuration.connectionIDs = .random(length: 6)
        return configuration
    }

    private var client: DTLSConfiguration {
        var configuration = NIOFixtures.client
        configuration.connectionIDs = .random(length: 2)
        return configuration
    }

    @Test("a client whose source port changes keeps its session; a forged record from elsewhere moves nothing")
    func natRebinding() async throws {
        try await withEchoServer(server) { server in
            let port = server.localAddress.port!
            var connection = try SocketDrivenConnection(configuration: client, socket: try RawUDPSocket(), serverPort: port)
            let established = await connection.run(until: { $0.connection.isEstablished })
            #expect(established)
            try connection.send("first")
            let first = await connection.run(until: { $0.received == ["first"] })
            #expect(first)
            let handshakes = connection.connection.statistics.handshakeDatagramsSent

            // A forger with a copy of a genuine record's ID but its own ciphertext.
            try connection.connection.send(ByteBuffer(string: "template"), now: SocketDrivenConnection.now)
            guard case .transmit(let genuine) = connection.connection.nextEvent() else {
                Issue.record("no record to copy")
                return
            }
            var forged = ByteBuffer(buffer: genuine)
            forged.setInteger(UInt16(0x7FFF), at: forged.readerIndex + 7)
            let forger = try RawUDPSocket()
            forger.send(forged, toPort: port)
            try await Task.sleep(for: .milliseconds(100))
            #expect(try await server.statistics.addressChanges == 0)

            // The NAT gives the client a new port.
            connection.socket = try RawUDPSocket()
            try connection.send("after the move")
            let moved = await connection.run(until: { $0.received.contains("after the move") })
            #expect(moved)
            #expect(connection.connection.statistics.handshakeDatagramsSent == handshakes)
            let statistics = try await server.statistics
            #expect(statistics.addressChanges == 1)
            #expect(statistics.handshakesStarted == 1)
            #expect(forger.receive() == nil)
        }
    }

    @Test("the async client negotiates IDs with the server")
    func negotiation() async throws {
        try await withEchoServer(server) { server in
            let connection = try await NIODTLSClient.connect(to: server.localAddress, configuration: client)
            #expect(connection.sessionInfo.connectionID?.count == 2)
            #expect(connection.sessionInfo.peerConnectionID?.count == 6)
            try await connection.send(ByteBuffer(string: "ping"))
            for try await reply in connection.inbound {
                #expect(String(buffer: reply) == "ping")
                break
            }
            await connection.close()
        }
    }
}
