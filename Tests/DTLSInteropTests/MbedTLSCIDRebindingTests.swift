import DTLSCore
import NIOCore
import NIODTLS
import ProcessTestSupport
import Testing

/// mbed TLS 3.6's ssl_client2 moving to a new source port mid-session, as after a NAT
/// rebinding, against our server with connection IDs (RFC 9146 §6): the server follows an
/// authenticated record that is the newest it has seen, and nothing else.
///
/// ssl_server2 cannot follow a client to a new address (it serves one connected socket), so
/// the client is mbed TLS and the server ours.
@Suite("NAT rebinding with mbed TLS 3.6's ssl_client2: connection IDs", .requires(MbedTLSCIDPeer.mbedTLS36), .timeLimit(.minutes(1)))
struct MbedTLSCIDRebindingTests {
    @Test("after the client's source port changes, the session goes on without a new handshake")
    func rebinding() async throws {
        try await CIDCredentials.with(.psk) { credentials in
            try await EchoServer.with(credentials.ourServer(connectionID: .ours)) { server in
                // The client's second request leaves from a new port: the relay moves after
                // our answer to the first (our epoch-1 record 1, past our Finished).
                let relay = try await RebindingRelay.start(
                    forwardingTo: server.port,
                    rebinding: .afterServerRecord(epoch: 1, sequenceNumber: 1)
                )
                defer { relay.stop() }
                let page = "/moving"

                try await MbedTLSCIDClient.with(
                    port: relay.port, credentials: credentials, connectionID: .peers, message: page, exchanges: 2
                ) { client in
                    let termination = await MbedTLSCIDClient.waitForExit(client)
                    #expect(termination == .exited(0), "ssl_client2: \(client.standardOutput.text)")
                    #expect(MbedTLSCIDClient.echoes(of: client) == [page, page])
                }

                #expect(relay.rebound)
                let ports = relay.relayPorts
                try #require(ports.count == 2)
                let moved = relay.passages.filter { $0.relayPort == ports[1] }
                let movedRequests = moved.filter { $0.direction == .toServer }.map(\.datagram)
                // Only protected records came from the new port, each with our ID: no new handshake.
                expectProtectedRecords(in: movedRequests, carry: .ours, atLeast: 1, "the client's records after the move")
                let movedRecords = movedRequests.flatMap { ObservedRecord.records(in: $0, connectionIDLength: TestConnectionID.ours.bytes.count) }
                #expect(movedRecords.allSatisfy { $0.epoch > 0 }, "\(movedRecords)")
                #expect(moved.contains { $0.direction == .toClient }, "our server answers at the new port")

                let statistics = try await server.server.statistics
                #expect(statistics.handshakesStarted == 1)
                #expect(statistics.handshakesCompleted == 1)
                #expect(statistics.connectionsReplaced == 0)
                #expect(statistics.addressChanges == 1)
                #expect(server.received.all.count == 2)
                let connection = try #require(await server.accepted.first(within: .seconds(5)))
                #expect(await connection.remoteAddress.port == ports[1])
            }
        }
    }

    /// The in-memory and loopback tests forge records; this one replays a genuine record that
    /// mbed TLS wrote, captured on the wire, from a stranger's address while the session is live.
    @Test("a genuine record replayed from another address moves nothing, and the session goes on")
    func replayFromAnotherAddress() async throws {
        try await CIDCredentials.with(.psk) { credentials in
            try await Self.withServer(credentials.ourServer(connectionID: .ours)) { server in
                let port = server.localAddress.port!
                let relay = try await RebindingRelay.start(forwardingTo: port)
                defer { relay.stop() }
                let page = "/replayed"

                try await MbedTLSCIDClient.with(
                    port: relay.port, credentials: credentials, connectionID: .peers, message: page, exchanges: 2
                ) { client in
                    let connection = try await Self.firstConnection(of: server)
                    let request = try await connection.nextRecord(within: .seconds(10))
                    // The client waits for our answer: its last datagram is the request.
                    let captured = try #require(relay.datagrams(.toServer).last)
                    let capturedRecords = ObservedRecord.records(in: captured, connectionIDLength: TestConnectionID.ours.bytes.count)
                    #expect(capturedRecords.map(\.contentType) == [.connectionID])
                    #expect(capturedRecords.first?.connectionID == TestConnectionID.ours.bytes)

                    let stranger = try await UDPProbe.bind()
                    defer { stranger.close() }
                    try await stranger.send(captured, toPort: port)
                    let dropped = try await eventually(within: .seconds(5)) { try await connection.statistics.drops(.replayed) == 1 }
                    #expect(dropped, "the replayed record reaches the connection by its ID and is dropped as a replay")
                    #expect(try await server.statistics.addressChanges == 0)
                    #expect(await connection.remoteAddress.port == relay.relayPorts[0])
                    #expect(stranger.received == 0)

                    // The session goes on at the client's real address.
                    try await connection.send(ByteBuffer(string: request))
                    let second = try await connection.nextRecord(within: .seconds(10))
                    try await connection.send(ByteBuffer(string: second))
                    let termination = await MbedTLSCIDClient.waitForExit(client)
                    #expect(termination == .exited(0), "ssl_client2: \(client.standardOutput.text)")
                    #expect(MbedTLSCIDClient.echoes(of: client) == [page, page])
                    #expect(stranger.received == 0)
                }

                let statistics = try await server.statistics
                #expect(statistics.addressChanges == 0)
                #expect(statistics.handshakesCompleted == 1)
            }
        }
    }

    /// Binds our server with `configuration` on 127.0.0.1, runs `body` and closes the server,
    /// whether `body` succeeds or throws. The test reads the connections itself.
    private static func withServer(_ configuration: DTLSConfiguration, _ body: (NIODTLSServer) async throws -> Void) async throws {
        let server = try await NIODTLSServer.bind(host: "127.0.0.1", port: 0, configuration: configuration)
        do {
            try await body(server)
        } catch {
            await server.close()
            throw error
        }
        await server.close()
    }

    /// The first connection `server` accepts, within the time the client has to connect.
    private static func firstConnection(of server: NIODTLSServer) async throws -> NIODTLSConnection {
        try await withTimeout(MbedTLSCIDClient.timeout, "a completed handshake") {
            for await connection in server.connections {
                return connection
            }
            throw ConnectionEnded()
        }
    }
}
