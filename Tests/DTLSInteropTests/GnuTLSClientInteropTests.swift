import DTLSCore
import NIODTLS
import Testing

/// Our server against `gnutls-cli --udp`.
@Suite("our server with gnutls-cli", .requires(.gnutlsClient), .timeLimit(.minutes(1)))
struct GnuTLSClientInteropTests {
    @Test("handshake, then a message comes back", arguments: [CookieExchange.enabled, .disabled])
    func echo(cookieExchange: CookieExchange) async throws {
        try await EchoServer.with(InteropKey.shared.serverConfiguration(cookieExchange: cookieExchange)) { server in
            let peer = try GnuTLSClient.start(port: server.port, key: .shared)
            defer { peer.stop() }

            let message = "ping from gnutls"
            try peer.write(message + "\n")
            #expect(await peer.standardOutput.waitUntil(contains: "\n" + message + "\n", timeout: .seconds(10)))
            #expect(peer.standardOutput.lines.contains("- Handshake was completed"))
            #expect(peer.standardOutput.text.contains("(PSK)-(AES-128-CCM-8)"))
            let statistics = try await server.server.statistics
            #expect(statistics.handshakesCompleted == 1)
            #expect(statistics.helloVerifyRequestsSent == (cookieExchange == .enabled ? 1 : 0))
        }
    }

    @Test("a client with a different PSK gets bad_record_mac")
    func wrongKey() async throws {
        try await EchoServer.with(InteropKey.shared.serverConfiguration(cookieExchange: .enabled)) { server in
            let peer = try GnuTLSClient.start(port: server.port, key: .wrong)
            defer { peer.stop() }

            let error = try #require(await server.failures.firstError(within: .seconds(10)))
            #expect(error.code == .peerRecordsNotAuthenticated)
            #expect(await peer.waitForExit(timeout: .seconds(10)) == .exited(1))
            #expect(peer.standardOutput.text.contains("Received alert [20]: Bad record MAC"))
            #expect(try await server.server.statistics.handshakesCompleted == 0)
        }
    }

    @Test("a client with an unknown identity gets decrypt_error")
    func unknownIdentity() async throws {
        try await EchoServer.with(InteropKey.shared.serverConfiguration(cookieExchange: .enabled)) { server in
            let peer = try GnuTLSClient.start(port: server.port, key: .shared, identity: "Stranger")
            defer { peer.stop() }

            let error = try #require(await server.failures.firstError(within: .seconds(10)))
            #expect(error.code == .unknownPSKIdentity)
            #expect(await peer.waitForExit(timeout: .seconds(10)) == .exited(1))
            #expect(peer.standardOutput.text.contains("Received alert [51]: Decrypt error"))
        }
    }
}
