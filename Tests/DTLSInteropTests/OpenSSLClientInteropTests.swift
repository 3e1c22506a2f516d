import DTLSCore
import NIODTLS
import Testing

/// Our server against `openssl s_client`.
@Suite("our server with openssl s_client", .requires(.openssl), .timeLimit(.minutes(1)))
struct OpenSSLClientInteropTests {
    @Test(
        "handshake, then a message comes back",
        arguments: [CookieExchange.enabled, .disabled]
    )
    func echo(cookieExchange: CookieExchange) async throws {
        try await EchoServer.with(InteropKey.shared.serverConfiguration(cookieExchange: cookieExchange)) { server in
            let peer = try OpenSSLClient.start(port: server.port, key: .shared)
            defer { peer.stop() }

            let message = "ping from openssl\n"
            try peer.write(message)
            #expect(await peer.standardOutput.waitUntil(contains: message, timeout: .seconds(10)))
            let statistics = try await server.server.statistics
            #expect(statistics.handshakesCompleted == 1)
            #expect(statistics.helloVerifyRequestsSent == (cookieExchange == .enabled ? 1 : 0))
        }
    }

    @Test("a client with a different PSK gets bad_record_mac")
    func wrongKey() async throws {
        try await EchoServer.with(InteropKey.shared.serverConfiguration(cookieExchange: .enabled)) { server in
            let peer = try OpenSSLClient.start(port: server.port, key: .wrong)
            defer { peer.stop() }

            let error = try #require(await server.failures.firstError(within: .seconds(10)))
            #expect(error.code == .peerRecordsNotAuthenticated)
            #expect(await peer.waitForExit(timeout: .seconds(10)) == .exited(1))
            #expect(peer.standardError.text.contains("alert bad record mac"))
            #expect(try await server.server.statistics.handshakesCompleted == 0)
        }
    }

    @Test("a client with an unknown identity gets decrypt_error")
    func unknownIdentity() async throws {
        try await EchoServer.with(InteropKey.shared.serverConfiguration(cookieExchange: .enabled)) { server in
            let peer = try OpenSSLClient.start(port: server.port, key: .shared, identity: "Stranger")
            defer { peer.stop() }

            let error = try #require(await server.failures.firstError(within: .seconds(10)))
            #expect(error.code == .unknownPSKIdentity)
            #expect(await peer.waitForExit(timeout: .seconds(10)) == .exited(1))
            #expect(peer.standardError.text.contains("alert decrypt error"))
        }
    }
}
