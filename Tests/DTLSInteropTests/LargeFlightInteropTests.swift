import DTLSCore
import NIODTLS
import ProcessTestSupport
import Testing

/// Certificate flights larger than the MTU, with mutual authentication so that both sides
/// fragment a chain and reassemble the other's. A ``DatagramRelay`` between the two measures
/// the datagrams.
@Suite("certificate flights larger than the MTU", .timeLimit(.minutes(1)))
struct LargeFlightInteropTests {
    @Test("our server fragments for openssl s_client", .requires(.openssl), arguments: [576, 256])
    func ourServerWithOpenSSL(mtu: Int) async throws {
        let pki = try await PeerPKI.make()
        defer { pki.remove() }
        var configuration = try pki.serverConfiguration(clientAuthentication: .required)
        configuration.maximumTransmissionUnit = mtu
        try await EchoServer.with(configuration) { server in
            let relay = try await DatagramRelay.start(forwardingTo: server.port)
            defer { relay.stop() }
            let peer = try OpenSSLClient.start(port: relay.port, certificatesFrom: pki, clientCertificate: true, mtu: mtu)
            defer { peer.stop() }

            let message = "ping through a small MTU\n"
            try peer.write(message)
            #expect(await peer.standardOutput.waitUntil(contains: message, timeout: .seconds(10)))
            try await expectFragmentedHandshake(on: server, relay: relay, mtu: mtu, certificateBytes: configuration.certificateChainBytes)
        }
    }

    @Test("our server fragments for gnutls-cli", .requires(.gnutlsClient), .requires(.openssl), arguments: [576, 256])
    func ourServerWithGnuTLS(mtu: Int) async throws {
        let pki = try await PeerPKI.make()
        defer { pki.remove() }
        var configuration = try pki.serverConfiguration(clientAuthentication: .required)
        configuration.maximumTransmissionUnit = mtu
        try await EchoServer.with(configuration) { server in
            let relay = try await DatagramRelay.start(forwardingTo: server.port)
            defer { relay.stop() }
            let peer = try GnuTLSClient.start(port: relay.port, certificatesFrom: pki, clientCertificate: true, mtu: mtu)
            defer { peer.stop() }

            let message = "ping through a small MTU"
            try peer.write(message + "\n")
            #expect(await peer.standardOutput.waitUntil(contains: "\n" + message + "\n", timeout: .seconds(10)))
            try await expectFragmentedHandshake(on: server, relay: relay, mtu: mtu, certificateBytes: configuration.certificateChainBytes)
        }
    }

    @Test("our client fragments for openssl s_server", .requires(.openssl))
    func ourClientWithOpenSSL() async throws {
        let mtu = 256
        let pki = try await PeerPKI.make()
        defer { pki.remove() }
        let peer = try await OpenSSLServer.start(certificatesFrom: pki, requireClientCertificate: true, mtu: mtu)
        defer { peer.process.stop() }
        let relay = try await DatagramRelay.start(forwardingTo: peer.port)
        defer { relay.stop() }

        var configuration = try pki.clientConfiguration(clientCertificate: true)
        configuration.maximumTransmissionUnit = mtu
        try await OurClient.withConnection(port: relay.port, configuration: configuration) { connection in
            #expect(connection.sessionInfo.clientAuthenticated)
            let message = "ping through a small MTU\n"
            let echoed = try await OpenSSLServer.echo(message, through: peer, over: connection)
            #expect(echoed == message)
            let statistics = try await connection.statistics
            expectFragmented(sent: relay.toServer, statistics: statistics, mtu: mtu, certificateBytes: configuration.certificateChainBytes)
            // s_server fragmented its own chain to fit: our client reassembled it.
            #expect(relay.toClient.largest <= mtu)
        }
        #expect(await peer.process.standardOutput.waitUntil(contains: "subject=O = swift-dtls tests, CN = client", timeout: .seconds(5)))
    }

    /// Expects `server`'s one connection to have authenticated the client and fragmented its
    /// own flight to fit `mtu`, and the client to have kept to `mtu` too (so our server
    /// reassembled the client's chain).
    private func expectFragmentedHandshake(
        on server: EchoServer,
        relay: DatagramRelay,
        mtu: Int,
        certificateBytes: Int,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let connection = try #require(await server.accepted.first(within: .seconds(5)), sourceLocation: sourceLocation)
        #expect(connection.sessionInfo.clientAuthenticated, sourceLocation: sourceLocation)
        let statistics = try await connection.statistics
        expectFragmented(sent: relay.toClient, statistics: statistics, mtu: mtu, certificateBytes: certificateBytes, sourceLocation: sourceLocation)
        #expect(relay.toServer.largest <= mtu, sourceLocation: sourceLocation)
    }
}
