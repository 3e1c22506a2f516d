import DTLSCore
import NIODTLS
import ProcessTestSupport
import Testing

/// Our client resuming sessions with `openssl s_server`, by ticket and by session ID: a full
/// handshake, then a connection offering the session the first produced
/// (``DTLSConfiguration/sessionToResume``), then one offering the session the resumed
/// connection handed out. A ``DatagramRelay`` in front of the server measures the first two
/// handshakes.
@Suite("our client resumes sessions with openssl s_server", .requires(.openssl), .timeLimit(.minutes(1)))
struct OpenSSLServerResumptionTests {
    @Test(
        "later connections resume the first one's session",
        arguments: InteropCredentials.allCases, ResumptionMechanism.allCases
    )
    func resume(credentials: InteropCredentials, mechanism: ResumptionMechanism) async throws {
        let pki = try await PeerPKI.make()
        defer { pki.remove() }
        let peer = try await OpenSSLServer.start(credentials.openSSL(pki: pki), resumingBy: mechanism, connections: 3)
        defer { peer.process.stop() }
        var configuration = try credentials.clientConfiguration(pki: pki)
        let serverKey = try pki.subjectPublicKeyInfo(.serverPublicKey)

        let full = try await DatagramRelay.start(forwardingTo: peer.port)
        defer { full.stop() }
        configuration.sessionToResume = try await exchange(1, with: peer, port: full.port, configuration, suite: credentials.cipherSuite) { info in
            #expect(!info.resumed)
            let session = try #require(info.resumableSession)
            switch mechanism {
            case .ticket: #expect(session.ticket?.isEmpty == false)
            case .sessionID: #expect(session.ticket == nil && !session.sessionID.isEmpty)
            }
        }

        let resumed = try await DatagramRelay.start(forwardingTo: peer.port)
        defer { resumed.stop() }
        configuration.sessionToResume = try await exchange(2, with: peer, port: resumed.port, configuration, suite: credentials.cipherSuite) { info in
            #expect(info.resumed)
            if credentials == .certificates {
                // The server's key comes from the session: no certificate was sent this time.
                #expect(info.peerIdentity?.subjectPublicKeyInfo == serverKey)
            }
        }

        _ = try await exchange(3, with: peer, port: peer.port, configuration, suite: credentials.cipherSuite) { info in
            #expect(info.resumed)
        }
        #expect(peer.process.standardOutput.text.components(separatedBy: "Reused session-id").count - 1 == 2)

        let sizes = HandshakeSizes(full: full, resumed: resumed)
        sizes.report("our client, openssl s_server, \(credentials), \(mechanism)")
        sizes.expectSavings(for: credentials)
    }

    /// Connects to `port` with `configuration` as the `number`th connection of `peer`, expects
    /// `suite` and `check`s the session info, has a message echoed, closes, and
    /// waits until s_server has closed its side too. Returns the session to resume next.
    private func exchange(
        _ number: Int,
        with peer: LaunchedServer,
        port: Int,
        _ configuration: DTLSConfiguration,
        suite: CipherSuite,
        check: (DTLSSessionInfo) throws -> Void
    ) async throws -> DTLSResumableSession? {
        var session: DTLSResumableSession?
        try await OurClient.withConnection(port: port, configuration: configuration) { connection in
            #expect(connection.sessionInfo.cipherSuite == suite)
            try check(connection.sessionInfo)
            session = connection.sessionInfo.resumableSession
            let message = "ping \(number) over one session\n"
            let echoed = try await OpenSSLServer.echo(message, through: peer, over: connection)
            #expect(echoed == message)
        }
        let closed = await peer.process.standardError.waitUntil(
            contains: "alert write:warning:close notify",
            occurrences: number,
            timeout: .seconds(5)
        )
        try #require(closed, "s_server did not close connection \(number)")
        return session
    }
}
