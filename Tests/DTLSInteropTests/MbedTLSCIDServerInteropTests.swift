import DTLSCore
import NIOCore
import NIODTLS
import Testing

/// Our client against mbed TLS 3.6's ssl_server2 with connection IDs (RFC 9146), through a
/// relay that keeps every datagram so the records on the wire can be checked.
@Suite("our client with mbed TLS 3.6's ssl_server2: connection IDs", .requires(MbedTLSCIDPeer.mbedTLS36), .timeLimit(.minutes(1)))
struct MbedTLSCIDServerInteropTests {
    @Test("each end writes the ID the other chose into every protected record, and data flows both ways", arguments: CIDCredentials.Kind.allCases)
    func connectionIDs(kind: CIDCredentials.Kind) async throws {
        try await CIDCredentials.with(kind) { credentials in
            try await MbedTLSCIDServer.with(credentials: credentials, connectionID: .peers) { peer in
                let relay = try await RebindingRelay.start(forwardingTo: peer.port)
                defer { relay.stop() }
                let request = "ping from swift-dtls with a connection ID"

                try await OurClient.withConnection(port: relay.port, configuration: credentials.ourClient(connectionID: .ours)) { connection in
                    let session = connection.sessionInfo
                    #expect(session.cipherSuite == credentials.cipherSuite)
                    #expect(session.serverHelloExtensions.contains(.connectionID))
                    #expect(session.connectionID == TestConnectionID.ours.bytes)
                    #expect(session.peerConnectionID == TestConnectionID.peers.bytes)
                    try await connection.send(ByteBuffer(string: request))
                    // ssl_server2 does not echo: it answers with a fixed text naming the suite.
                    let reply = try await connection.nextRecord(within: .seconds(10))
                    #expect(reply.hasPrefix("HTTP/1.0 200 OK\r\n"))
                    #expect(reply.contains("Successful connection using: \(credentials.suiteName.replacing("_", with: "-"))"))
                }

                let output = peer.process.standardOutput
                #expect(await output.waitUntil(contains: "RECEIVED \(request)\n", timeout: .seconds(5)), "ssl_server2: \(output.text)")
                #expect(output.lines.contains("HANDSHAKE OK \(credentials.suiteName)"))
                #expect(output.lines.contains(TestConnectionID.ours.peerOutput), "ssl_server2 writes our ID: \(output.text)")

                expectProtectedRecords(in: relay.datagrams(.toServer), carry: .peers, atLeast: 2, "our Finished and request")
                let answers = expectProtectedRecords(in: relay.datagrams(.toClient), carry: .ours, atLeast: 2, "its Finished and reply")
                // mbed TLS pads the inner plaintext of its CID records to a multiple of 16 bytes
                // (CCM-8: 8 bytes of nonce and 8 of tag around it); our end must strip the zeros.
                #expect(answers.allSatisfy { ($0.fragmentLength - 16) % 16 == 0 }, "\(answers)")
            }
        }
    }

    @Test("a server that offers no ID leaves our client with ordinary records")
    func serverWithoutConnectionID() async throws {
        try await CIDCredentials.with(.psk) { credentials in
            try await MbedTLSCIDServer.with(credentials: credentials, connectionID: nil) { peer in
                let relay = try await RebindingRelay.start(forwardingTo: peer.port)
                defer { relay.stop() }

                try await OurClient.withConnection(port: relay.port, configuration: credentials.ourClient(connectionID: .ours)) { connection in
                    #expect(connection.sessionInfo.connectionID == nil)
                    #expect(connection.sessionInfo.peerConnectionID == nil)
                    #expect(!connection.sessionInfo.serverHelloExtensions.contains(.connectionID))
                    try await connection.send(ByteBuffer(string: "ping without a connection ID"))
                    #expect(try await connection.nextRecord(within: .seconds(10)).hasPrefix("HTTP/1.0 200 OK\r\n"))
                }
                expectProtectedRecords(in: relay.datagrams(.toServer), carry: .empty, atLeast: 2, "our Finished and request")
                expectProtectedRecords(in: relay.datagrams(.toClient), carry: .empty, atLeast: 2, "its Finished and reply")
            }
        }
    }
}
