import DTLSCore
import NIODTLS
import ProcessTestSupport
import Testing

/// Our server against tinydtls as a client (`tinydtls_peer.py client`), with a PSK and with
/// ECDSA raw public keys.
@Suite("our server with a tinydtls client", .requires(.tinydtls), .timeLimit(.minutes(1)))
struct TinyDTLSClientInteropTests {
    @Test("PSK: handshake through our cookie exchange, then the message comes back")
    func psk() async throws {
        try await EchoServer.with(InteropKey.shared.serverConfiguration(cookieExchange: .enabled)) { server in
            let message = "ping from tinydtls"
            let peer = try TinyDTLSClient.start(port: server.port, key: .shared, message: message)
            defer { peer.stop() }

            try await expectEcho(message, from: peer)
            let connection = try #require(await server.accepted.first(within: .seconds(5)))
            #expect(connection.sessionInfo.cipherSuite == .pskWithAES128CCM8)
            #expect(connection.sessionInfo.extendedMasterSecret)
            #expect(connection.sessionInfo.pskIdentity == Array(InteropKey.identity.utf8))
            let statistics = try await server.server.statistics
            #expect(statistics.helloVerifyRequestsSent == 1)
            #expect(statistics.handshakesCompleted == 1)
        }
    }

    @Test("raw public keys: tinydtls pins our key, then the message comes back", arguments: [false, true])
    func rawPublicKeys(clientKey: Bool) async throws {
        let pki = try await PeerPKI.make()
        defer { pki.remove() }
        let configuration = try pki.rawPublicKeyServerConfiguration(clientAuthentication: clientKey ? .required : .none)
        try await EchoServer.with(configuration) { server in
            let message = "ping with a raw public key"
            let peer = try TinyDTLSClient.start(port: server.port, rawPublicKeysFrom: pki, clientKey: clientKey, message: message)
            defer { peer.stop() }

            try await expectEcho(message, from: peer)
            let connection = try #require(await server.accepted.first(within: .seconds(5)))
            #expect(connection.sessionInfo.cipherSuite == .ecdheECDSAWithAES128CCM8)
            #expect(connection.sessionInfo.clientAuthenticated == clientKey)
            if clientKey {
                let client = try #require(connection.sessionInfo.peerIdentity)
                #expect(client.subjectPublicKeyInfo == (try pki.subjectPublicKeyInfo(.clientPublicKey)))
                #expect(client.certificateChain.isEmpty)
            } else {
                #expect(connection.sessionInfo.peerIdentity == nil)
            }
        }
    }

    /// Expects the one-shot client to print its handshake, then `message`'s echo, and exit 0.
    private func expectEcho(_ message: String, from peer: ChildProcess, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let termination = await peer.waitForExit(timeout: .seconds(15))
        #expect(termination == .exited(0), "tinydtls client: \(peer.standardOutput.text)", sourceLocation: sourceLocation)
        #expect(peer.standardOutput.lines.contains { $0.hasPrefix("HANDSHAKE OK ") }, sourceLocation: sourceLocation)
        #expect(PythonPeer.echoes(in: peer.standardOutput) == [message], sourceLocation: sourceLocation)
    }
}
