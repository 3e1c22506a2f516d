import DTLSCore
import NIODTLS
import Testing

/// Our server against `openssl s_client` with X.509 certificates.
@Suite("our server with openssl s_client, certificates", .requires(.openssl), .timeLimit(.minutes(1)))
struct OpenSSLClientCertificateTests {
    @Test("server authentication: s_client verifies our chain and name, then a message comes back")
    func serverAuthentication() async throws {
        let pki = try await PeerPKI.make()
        defer { pki.remove() }
        try await EchoServer.with(pki.serverConfiguration()) { server in
            let peer = try OpenSSLClient.start(port: server.port, certificatesFrom: pki)
            defer { peer.stop() }

            let message = "ping from openssl\n"
            try peer.write(message)
            #expect(await peer.standardOutput.waitUntil(contains: message, timeout: .seconds(10)))
            // With -verify_return_error it would have aborted on any verification failure.
            #expect(await peer.standardError.waitUntil(contains: "depth=0 O = swift-dtls tests, CN = localhost", timeout: .seconds(5)))
            let connection = try #require(await server.accepted.first(within: .seconds(5)))
            #expect(connection.sessionInfo.cipherSuite == .ecdheECDSAWithAES128CCM8)
            #expect(!connection.sessionInfo.clientAuthenticated)
            #expect(connection.sessionInfo.peerIdentity == nil)
        }
    }

    @Test("mutual authentication: our server verifies s_client's chain, then a message comes back")
    func mutualAuthentication() async throws {
        let pki = try await PeerPKI.make()
        defer { pki.remove() }
        try await EchoServer.with(pki.serverConfiguration(clientAuthentication: .required)) { server in
            let peer = try OpenSSLClient.start(port: server.port, certificatesFrom: pki, clientCertificate: true)
            defer { peer.stop() }

            let message = "ping from an authenticated openssl\n"
            try peer.write(message)
            #expect(await peer.standardOutput.waitUntil(contains: message, timeout: .seconds(10)))
            let connection = try #require(await server.accepted.first(within: .seconds(5)))
            #expect(connection.sessionInfo.clientAuthenticated)
            let client = try #require(connection.sessionInfo.peerIdentity)
            #expect(client.subject?.contains("CN=client") == true)
            #expect(client.dnsNames.isEmpty)
            #expect(client.certificateChain.count == 2)
            #expect(client.subjectPublicKeyInfo == (try pki.subjectPublicKeyInfo(.clientPublicKey)))
        }
    }
}
