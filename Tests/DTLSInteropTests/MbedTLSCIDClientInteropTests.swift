import DTLSCore
import NIODTLS
import ProcessTestSupport
import Testing

/// mbed TLS 3.6's ssl_client2 against our server with connection IDs (RFC 9146), through a
/// relay that keeps every datagram so the records on the wire can be checked.
@Suite("our server with mbed TLS 3.6's ssl_client2: connection IDs", .requires(MbedTLSCIDPeer.mbedTLS36), .timeLimit(.minutes(1)))
struct MbedTLSCIDClientInteropTests {
    @Test("each end writes the ID the other chose into every protected record, and the request comes back", arguments: CIDCredentials.Kind.allCases)
    func connectionIDs(kind: CIDCredentials.Kind) async throws {
        try await CIDCredentials.with(kind) { credentials in
            try await exchange(credentials, ours: .ours, peers: .peers)
        }
    }

    /// A zero-length ID asks for records without one (RFC 9146 §3): the end that chose it
    /// receives ordinary records, while it still writes the other end's ID.
    @Test(
        "a zero-length ID on either end: that end receives ordinary records, the other its ID",
        arguments: [(TestConnectionID.empty, TestConnectionID.peers), (TestConnectionID.ours, TestConnectionID.empty)]
    )
    func zeroLength(ours: TestConnectionID, peers: TestConnectionID) async throws {
        try await CIDCredentials.with(.psk) { credentials in
            try await exchange(credentials, ours: ours, peers: peers)
        }
    }

    /// Runs one request from ssl_client2 asking for `peers` to our echo server handing out
    /// `ours`, and checks the handshake's outcome, the echo and the records on the wire.
    private func exchange(
        _ credentials: CIDCredentials,
        ours: TestConnectionID,
        peers: TestConnectionID,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        try await EchoServer.with(credentials.ourServer(connectionID: ours)) { server in
            let relay = try await RebindingRelay.start(forwardingTo: server.port)
            defer { relay.stop() }
            let page = "/cid"

            try await MbedTLSCIDClient.with(port: relay.port, credentials: credentials, connectionID: peers, message: page) { client in
                let termination = await MbedTLSCIDClient.waitForExit(client)
                let output = client.standardOutput
                #expect(termination == .exited(0), "ssl_client2: \(output.text)", sourceLocation: sourceLocation)
                #expect(output.lines.contains("HANDSHAKE OK \(credentials.suiteName)"), sourceLocation: sourceLocation)
                #expect(output.lines.contains(ours.peerOutput), "ssl_client2 writes our ID: \(output.text)", sourceLocation: sourceLocation)
                #expect(MbedTLSCIDClient.echoes(of: client) == [page], sourceLocation: sourceLocation)
            }

            let connection = try #require(await server.accepted.first(within: .seconds(5)), sourceLocation: sourceLocation)
            let session = connection.sessionInfo
            #expect(session.cipherSuite == credentials.cipherSuite, sourceLocation: sourceLocation)
            #expect(session.connectionID == ours.bytes, sourceLocation: sourceLocation)
            #expect(session.peerConnectionID == peers.bytes, sourceLocation: sourceLocation)
            #expect(server.received.all.map { $0.hasPrefix("GET \(page) HTTP/1.0\r\n") } == [true], sourceLocation: sourceLocation)
            #expect(try await server.server.statistics.handshakesCompleted == 1, sourceLocation: sourceLocation)

            let requests = expectProtectedRecords(
                in: relay.datagrams(.toServer), carry: ours, atLeast: 2, "its Finished and request", sourceLocation: sourceLocation
            )
            expectProtectedRecords(in: relay.datagrams(.toClient), carry: peers, atLeast: 2, "our Finished and echo", sourceLocation: sourceLocation)
            if !ours.bytes.isEmpty {
                // mbed TLS pads the inner plaintext of its CID records to a multiple of 16 bytes
                // (CCM-8: 8 bytes of nonce and 8 of tag around it); our end must strip the zeros.
                #expect(requests.allSatisfy { ($0.fragmentLength - 16) % 16 == 0 }, "\(requests)", sourceLocation: sourceLocation)
            }
        }
    }
}
