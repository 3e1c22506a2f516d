import DTLSCore
import NIOCore
import NIODTLS
import ProcessTestSupport
import Testing

/// ``ConnectionIDCodePoint/mbedTLSCompatibility`` against mbed TLS 2.28 built with
/// MBEDTLS_SSL_DTLS_CONNECTION_ID: extension 254 and the draft-05 record MAC input, in both
/// roles, through a relay that keeps every datagram.
@Suite("connection IDs with mbed TLS 2.28's draft code point", .requires(MbedTLSCIDPeer.mbedTLS228), .timeLimit(.minutes(1)))
struct MbedTLSLegacyCIDInteropTests {
    /// The draft's extension type.
    private static let draftExtension = ExtensionType(rawValue: 254)

    @Test("our client with its ssl_server2: both IDs in use, and data flows both ways")
    func ourClient() async throws {
        try await CIDCredentials.with(.psk) { credentials in
            try await MbedTLSCIDServer.with(.mbedTLS228, credentials: credentials, connectionID: .peers) { peer in
                let relay = try await RebindingRelay.start(forwardingTo: peer.port)
                defer { relay.stop() }
                let request = "ping from swift-dtls with a draft connection ID"
                let configuration = try credentials.ourClient(connectionID: .ours, codePoint: .mbedTLSCompatibility)

                try await OurClient.withConnection(port: relay.port, configuration: configuration) { connection in
                    let session = connection.sessionInfo
                    #expect(session.serverHelloExtensions.contains(Self.draftExtension))
                    #expect(!session.serverHelloExtensions.contains(.connectionID))
                    #expect(session.connectionID == TestConnectionID.ours.bytes)
                    #expect(session.peerConnectionID == TestConnectionID.peers.bytes)
                    try await connection.send(ByteBuffer(string: request))
                    #expect(try await connection.nextRecord(within: .seconds(10)).hasPrefix("HTTP/1.0 200 OK\r\n"))
                }

                let output = peer.process.standardOutput
                #expect(await output.waitUntil(contains: "RECEIVED \(request)\n", timeout: .seconds(5)), "ssl_server2: \(output.text)")
                #expect(output.lines.contains(TestConnectionID.ours.peerOutput), "ssl_server2 writes our ID: \(output.text)")
                expectProtectedRecords(in: relay.datagrams(.toServer), carry: .peers, atLeast: 2, "our Finished and request")
                expectProtectedRecords(in: relay.datagrams(.toClient), carry: .ours, atLeast: 2, "its Finished and reply")
            }
        }
    }

    @Test("its ssl_client2 with our server: both IDs in use, and the request comes back")
    func ourServer() async throws {
        try await CIDCredentials.with(.psk) { credentials in
            let configuration = try credentials.ourServer(connectionID: .ours, codePoint: .mbedTLSCompatibility)
            try await EchoServer.with(configuration) { server in
                let relay = try await RebindingRelay.start(forwardingTo: server.port)
                defer { relay.stop() }
                let page = "/draft-cid"

                try await MbedTLSCIDClient.with(
                    .mbedTLS228, port: relay.port, credentials: credentials, connectionID: .peers, message: page
                ) { client in
                    let termination = await MbedTLSCIDClient.waitForExit(client)
                    let output = client.standardOutput
                    #expect(termination == .exited(0), "ssl_client2: \(output.text)")
                    #expect(output.lines.contains(TestConnectionID.ours.peerOutput), "ssl_client2 writes our ID: \(output.text)")
                    #expect(MbedTLSCIDClient.echoes(of: client) == [page])
                }

                let connection = try #require(await server.accepted.first(within: .seconds(5)))
                #expect(connection.sessionInfo.serverHelloExtensions.contains(Self.draftExtension))
                #expect(connection.sessionInfo.connectionID == TestConnectionID.ours.bytes)
                #expect(connection.sessionInfo.peerConnectionID == TestConnectionID.peers.bytes)
                expectProtectedRecords(in: relay.datagrams(.toServer), carry: .ours, atLeast: 2, "its Finished and request")
                expectProtectedRecords(in: relay.datagrams(.toClient), carry: .peers, atLeast: 2, "our Finished and echo")
            }
        }
    }
}
