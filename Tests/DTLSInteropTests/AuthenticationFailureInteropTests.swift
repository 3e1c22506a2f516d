import DTLSCore
import NIODTLS
import Testing

/// Authentication failures against real peers: our side reports the right error, the peer
/// sees the alert.
@Suite("authentication failures with real peers", .requires(.openssl), .timeLimit(.minutes(1)))
struct AuthenticationFailureInteropTests {
    @Test("our client expecting another name sends bad_certificate to s_server")
    func wrongServerName() async throws {
        let pki = try await PeerPKI.make()
        defer { pki.remove() }
        let peer = try await OpenSSLServer.start(certificatesFrom: pki)
        defer { peer.process.stop() }

        let error = await #expect(throws: DTLSError.self) {
            try await OurClient.connect(port: peer.port, configuration: pki.clientConfiguration(serverName: "gateway.example"))
        }
        #expect(error?.code == .badCertificate)
        #expect(error?.reason.contains("gateway.example") == true)
        #expect(await peer.process.standardError.waitUntil(contains: "alert bad certificate", timeout: .seconds(10)))
    }

    @Test("our client trusting another root sends unknown_ca to s_server")
    func untrustedRoot() async throws {
        let pki = try await PeerPKI.make()
        defer { pki.remove() }
        let otherPKI = try await PeerPKI.make()
        defer { otherPKI.remove() }
        let peer = try await OpenSSLServer.start(certificatesFrom: pki)
        defer { peer.process.stop() }

        var configuration = try pki.clientConfiguration()
        configuration.peerAuthentication = try otherPKI.certificateVerification()
        let error = await #expect(throws: DTLSError.self) {
            try await OurClient.connect(port: peer.port, configuration: configuration)
        }
        #expect(error?.code == .unknownCA)
        #expect(await peer.process.standardError.waitUntil(contains: "alert unknown ca", timeout: .seconds(10)))
    }

    @Test("our client pinning another raw public key rejects gnutls-serv", .requires(.gnutlsServer))
    func wrongPinnedKey() async throws {
        let pki = try await PeerPKI.make()
        defer { pki.remove() }
        let peer = try await GnuTLSServer.start(rawPublicKeysFrom: pki)
        defer { peer.stop() }

        let error = await #expect(throws: DTLSError.self) {
            try await OurClient.connect(port: peer.port, configuration: pki.rawPublicKeyClientConfiguration(pinning: .clientPublicKey))
        }
        #expect(error?.code == .untrustedPeerKey)
        // gnutls-serv does not name the alert it received.
        #expect(await peer.process.standardError.waitUntil(contains: "A TLS fatal alert has been received", timeout: .seconds(10)))
    }

    @Test("our server requiring a certificate fails s_client that has none with handshake_failure")
    func missingClientCertificate() async throws {
        let pki = try await PeerPKI.make()
        defer { pki.remove() }
        try await EchoServer.with(pki.serverConfiguration(clientAuthentication: .required)) { server in
            let peer = try OpenSSLClient.start(port: server.port, certificatesFrom: pki)
            defer { peer.stop() }

            let error = try #require(await server.failures.firstError(within: .seconds(10)))
            #expect(error.code == .missingCertificate)
            #expect(await peer.waitForExit(timeout: .seconds(10)) == .exited(1))
            #expect(peer.standardError.text.contains("alert handshake failure"))
            #expect(try await server.server.statistics.handshakesCompleted == 0)
        }
    }
}
