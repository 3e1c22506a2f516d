import DTLSCore
import Foundation
import NIODTLS
import ProcessTestSupport
import Testing

/// `openssl s_client` resuming sessions with our server: the first s_client saves its session
/// (`-sess_out`), the second offers it (`-sess_in`), to a server keeping sessions in a
/// ``DTLSSessionCache`` or sealing them into tickets with a ``DTLSTicketKeyRing``.
@Suite("openssl s_client resumes sessions with our server", .requires(.openssl), .timeLimit(.minutes(1)))
struct OpenSSLClientResumptionTests {
    @Test(
        "the second s_client resumes the first one's session",
        arguments: InteropCredentials.allCases, ResumptionMechanism.allCases
    )
    func resume(credentials: InteropCredentials, mechanism: ResumptionMechanism) async throws {
        let pki = try await PeerPKI.make()
        defer { pki.remove() }
        let directory = try TemporaryDirectory(prefix: "dtls-session")
        defer { directory.remove() }
        let sessionFile = directory.file("session.pem").path
        let configuration = try mechanism.enabled(on: credentials.serverConfiguration(pki: pki))

        try await EchoServer.with(configuration) { server in
            let full = try await DatagramRelay.start(forwardingTo: server.port)
            defer { full.stop() }
            let first = try OpenSSLClient.start(port: full.port, credentials.openSSL(pki: pki), session: .save(sessionFile))
            defer { first.stop() }
            try await expectEcho("hello before resumption", from: first)
            #expect(first.standardOutput.text.contains("New, TLSv1.2"))
            // s_client wrote the session when its handshake finished, before the echo came.
            #expect((try? String(contentsOfFile: sessionFile, encoding: .utf8))?.contains("BEGIN SSL SESSION PARAMETERS") == true)
            // End of input makes it send close_notify and exit.
            first.closeInput()
            #expect(await first.waitForExit(timeout: .seconds(5)) == .exited(0))

            let firstConnection = try #require(await server.accepted.connection(0, within: .seconds(5)))
            #expect(!firstConnection.sessionInfo.resumed)
            switch mechanism {
            case .ticket: #expect(firstConnection.sessionInfo.serverHelloExtensions.contains(.sessionTicket))
            case .sessionID: #expect(!firstConnection.sessionInfo.sessionID.isEmpty)
            }

            let resumed = try await DatagramRelay.start(forwardingTo: server.port)
            defer { resumed.stop() }
            let second = try OpenSSLClient.start(port: resumed.port, credentials.openSSL(pki: pki), session: .resume(sessionFile))
            defer { second.stop() }
            try await expectEcho("hello after resumption", from: second)
            #expect(second.standardOutput.text.contains("Reused, TLSv1.2"))
            #expect(!second.standardOutput.text.contains("New, TLSv1.2"))

            let secondConnection = try #require(await server.accepted.connection(1, within: .seconds(5)))
            #expect(secondConnection.sessionInfo.resumed)
            #expect(secondConnection.sessionInfo.cipherSuite == credentials.cipherSuite)
            #expect(try await server.server.statistics.handshakesCompleted == 2)

            let sizes = HandshakeSizes(full: full, resumed: resumed)
            sizes.report("openssl s_client, our server, \(credentials), \(mechanism)")
            sizes.expectSavings(for: credentials)
        }
    }

    /// Types `line` into `client` and expects our echo server to send it back.
    private func expectEcho(_ line: String, from client: ChildProcess, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        try client.write(line + "\n")
        #expect(
            await client.standardOutput.waitUntil(contains: "\n" + line + "\n", timeout: .seconds(10)),
            "s_client printed: \(client.standardOutput.text) \(client.standardError.text)",
            sourceLocation: sourceLocation
        )
    }
}
