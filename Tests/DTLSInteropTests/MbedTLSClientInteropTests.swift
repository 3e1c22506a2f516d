import DTLSCore
import NIODTLS
import ProcessTestSupport
import Testing

/// Our server against mbed TLS 2.28 as a client (`mbedtls_peer.py client`), with a PSK and
/// with X.509 certificates.
@Suite("our server with an mbed TLS client", .requires(.mbedtls), .timeLimit(.minutes(1)))
struct MbedTLSClientInteropTests {
    @Test("PSK: handshake through our cookie exchange, then the message comes back")
    func psk() async throws {
        try await EchoServer.with(InteropKey.shared.serverConfiguration(cookieExchange: .enabled)) { server in
            let message = "ping from mbed TLS"
            let peer = try MbedTLSClient.start(port: server.port, key: .shared, message: message)
            defer { peer.stop() }

            try await expectEcho(message, from: peer)
            let connection = try #require(await server.accepted.first(within: .seconds(5)))
            #expect(connection.sessionInfo.cipherSuite == .pskWithAES128CCM8)
            let statistics = try await server.server.statistics
            #expect(statistics.helloVerifyRequestsSent == 1)
            #expect(statistics.handshakesCompleted == 1)
        }
    }

    @Test("X.509: mbed TLS verifies our chain and name, then the message comes back", arguments: [false, true])
    func certificates(clientCertificate: Bool) async throws {
        let pki = try await PeerPKI.make()
        defer { pki.remove() }
        let configuration = try pki.serverConfiguration(clientAuthentication: clientCertificate ? .required : .none)
        try await EchoServer.with(configuration) { server in
            let message = "ping from mbed TLS with certificates"
            let peer = try MbedTLSClient.start(port: server.port, certificatesFrom: pki, clientCertificate: clientCertificate, message: message)
            defer { peer.stop() }

            try await expectEcho(message, from: peer)
            let connection = try #require(await server.accepted.first(within: .seconds(5)))
            #expect(connection.sessionInfo.cipherSuite == .ecdheECDSAWithAES128CCM8)
            #expect(connection.sessionInfo.clientAuthenticated == clientCertificate)
            if clientCertificate {
                let client = try #require(connection.sessionInfo.peerIdentity)
                #expect(client.subject?.contains("CN=client") == true)
                #expect(client.certificateChain.count == 2)
            } else {
                #expect(connection.sessionInfo.peerIdentity == nil)
            }
        }
    }

    /// Expects the one-shot client to print its handshake, then `message`'s echo, and exit 0.
    private func expectEcho(_ message: String, from peer: ChildProcess, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let termination = await peer.waitForExit(timeout: .seconds(15))
        #expect(termination == .exited(0), "mbed TLS client: \(peer.standardOutput.text)", sourceLocation: sourceLocation)
        #expect(peer.standardOutput.lines.contains { $0.hasPrefix("HANDSHAKE OK ") }, sourceLocation: sourceLocation)
        #expect(PythonPeer.echoes(in: peer.standardOutput) == [message], sourceLocation: sourceLocation)
    }
}
