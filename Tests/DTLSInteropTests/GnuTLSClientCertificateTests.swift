import DTLSCore
import NIODTLS
import ProcessTestSupport
import Testing

/// Our server against `gnutls-cli --udp` with X.509 certificates and raw public keys.
@Suite(
    "our server with gnutls-cli, certificates and raw public keys",
    .requires(.gnutlsClient), .requires(.openssl), .timeLimit(.minutes(1))
)
struct GnuTLSClientCertificateTests {
    @Test("X.509: handshake, then a message comes back", arguments: [false, true])
    func certificates(clientCertificate: Bool) async throws {
        let pki = try await PeerPKI.make()
        defer { pki.remove() }
        let configuration = try pki.serverConfiguration(clientAuthentication: clientCertificate ? .required : .none)
        try await EchoServer.with(configuration) { server in
            let peer = try GnuTLSClient.start(port: server.port, certificatesFrom: pki, clientCertificate: clientCertificate)
            defer { peer.stop() }

            try await expectEcho("ping from gnutls", from: peer)
            #expect(peer.standardOutput.text.contains("- Status: The certificate is trusted."))
            #expect(peer.standardOutput.text.contains("(DTLS1.2-X.509)-(ECDHE-SECP256R1)-(ECDSA-SHA256)-(AES-128-CCM-8)"))
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

    @Test("raw public keys: handshake, then a message comes back", arguments: [false, true])
    func rawPublicKeys(clientKey: Bool) async throws {
        let pki = try await PeerPKI.make()
        defer { pki.remove() }
        let configuration = try pki.rawPublicKeyServerConfiguration(clientAuthentication: clientKey ? .required : .none)
        try await EchoServer.with(configuration) { server in
            let peer = try GnuTLSClient.start(port: server.port, rawPublicKeysFrom: pki, clientKey: clientKey)
            defer { peer.stop() }

            try await expectEcho("ping with a raw public key", from: peer)
            // gnutls-cli names the client's certificate type, then the server's. A server that
            // asks for no client certificate leaves client_certificate_type out of its
            // ServerHello (RFC 7250 §4.2), so the client's stays the default, X.509.
            let types = clientKey ? "Raw Public Key" : "X.509-Raw Public Key"
            #expect(peer.standardOutput.text.contains("(DTLS1.2-\(types))-(ECDHE-SECP256R1)-(ECDSA-SHA256)-(AES-128-CCM-8)"))
            let connection = try #require(await server.accepted.first(within: .seconds(5)))
            #expect(connection.sessionInfo.serverHelloExtensions.contains(.serverCertificateType))
            #expect(connection.sessionInfo.serverHelloExtensions.contains(.clientCertificateType) == clientKey)
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

    /// Types `message` into gnutls-cli and expects it back on its own line.
    private func expectEcho(
        _ message: String,
        from peer: ChildProcess,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        try peer.write(message + "\n")
        #expect(
            await peer.standardOutput.waitUntil(contains: "\n" + message + "\n", timeout: .seconds(10)),
            "gnutls-cli: \(peer.standardOutput.text) \(peer.standardError.text)",
            sourceLocation: sourceLocation
        )
    }
}
