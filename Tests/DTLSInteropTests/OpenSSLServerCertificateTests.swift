import DTLSCore
import NIODTLS
import Testing

/// Our client against `openssl s_server` with X.509 certificates.
@Suite("our client with openssl s_server, certificates", .requires(.openssl), .timeLimit(.minutes(1)))
struct OpenSSLServerCertificateTests {
    @Test("server authentication: our client verifies the chain and the name, then a message comes back")
    func serverAuthentication() async throws {
        let pki = try await PeerPKI.make()
        defer { pki.remove() }
        let peer = try await OpenSSLServer.start(certificatesFrom: pki)
        defer { peer.process.stop() }

        try await OurClient.withConnection(port: peer.port, configuration: pki.clientConfiguration()) { connection in
            #expect(connection.sessionInfo.cipherSuite == .ecdheECDSAWithAES128CCM8)
            #expect(connection.sessionInfo.serverName == PeerPKI.serverName)
            #expect(!connection.sessionInfo.clientAuthenticated)
            let server = try #require(connection.sessionInfo.peerIdentity)
            #expect(server.subject?.contains("CN=localhost") == true)
            #expect(server.dnsNames == [PeerPKI.serverName])
            #expect(server.certificateChain.count == 2)
            #expect(server.subjectPublicKeyInfo == (try pki.subjectPublicKeyInfo(.serverPublicKey)))

            let message = "ping from swift-dtls\n"
            #expect(try await OpenSSLServer.echo(message, through: peer, over: connection) == message)
        }
        #expect(await peer.process.standardOutput.waitUntil(contains: "CIPHER is ECDHE-ECDSA-AES128-CCM8", timeout: .seconds(5)))
    }

    @Test("mutual authentication: s_server verifies our client's chain, then a message comes back")
    func mutualAuthentication() async throws {
        let pki = try await PeerPKI.make()
        defer { pki.remove() }
        let peer = try await OpenSSLServer.start(certificatesFrom: pki, requireClientCertificate: true)
        defer { peer.process.stop() }

        let configuration = try pki.clientConfiguration(clientCertificate: true)
        try await OurClient.withConnection(port: peer.port, configuration: configuration) { connection in
            #expect(connection.sessionInfo.cipherSuite == .ecdheECDSAWithAES128CCM8)
            #expect(connection.sessionInfo.clientAuthenticated)
            #expect(connection.sessionInfo.peerIdentity?.dnsNames == [PeerPKI.serverName])

            let message = "ping from an authenticated client\n"
            let echoed = try await OpenSSLServer.echo(message, through: peer, over: connection)
            #expect(echoed == message)
        }
        // s_server prints the client's certificate, then its subject, once the handshake is done.
        #expect(await peer.process.standardOutput.waitUntil(contains: "subject=O = swift-dtls tests, CN = client", timeout: .seconds(5)))
        #expect(peer.process.standardOutput.text.contains("Client certificate"))
        #expect(await peer.process.standardError.waitUntil(contains: "depth=0 O = swift-dtls tests, CN = client", timeout: .seconds(5)))
    }
}
