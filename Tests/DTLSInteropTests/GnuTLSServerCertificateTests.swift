import DTLSCore
import NIOCore
import NIODTLS
import Testing

/// Our client against `gnutls-serv --echo` with X.509 certificates and raw public keys.
@Suite(
    "our client with gnutls-serv, certificates and raw public keys",
    .requires(.gnutlsServer), .requires(.openssl), .timeLimit(.minutes(1))
)
struct GnuTLSServerCertificateTests {
    @Test("X.509: handshake, then a message comes back", arguments: [false, true])
    func certificates(clientCertificate: Bool) async throws {
        let pki = try await PeerPKI.make()
        defer { pki.remove() }
        let peer = try await GnuTLSServer.start(certificatesFrom: pki, requireClientCertificate: clientCertificate)
        defer { peer.stop() }

        let configuration = try pki.clientConfiguration(clientCertificate: clientCertificate)
        try await OurClient.withConnection(port: peer.port, configuration: configuration) { connection in
            #expect(connection.sessionInfo.cipherSuite == .ecdheECDSAWithAES128CCM8)
            #expect(connection.sessionInfo.clientAuthenticated == clientCertificate)
            let server = try #require(connection.sessionInfo.peerIdentity)
            #expect(server.dnsNames == [PeerPKI.serverName])
            #expect(server.certificateChain.count == 2)
            try await expectEcho("ping from swift-dtls", over: connection)
        }
    }

    @Test("raw public keys: handshake, then a message comes back", arguments: [false, true])
    func rawPublicKeys(clientKey: Bool) async throws {
        let pki = try await PeerPKI.make()
        defer { pki.remove() }
        let peer = try await GnuTLSServer.start(rawPublicKeysFrom: pki, requireClientKey: clientKey)
        defer { peer.stop() }

        let configuration = try pki.rawPublicKeyClientConfiguration(clientKey: clientKey)
        try await OurClient.withConnection(port: peer.port, configuration: configuration) { connection in
            #expect(connection.sessionInfo.cipherSuite == .ecdheECDSAWithAES128CCM8)
            #expect(connection.sessionInfo.clientAuthenticated == clientKey)
            let server = try #require(connection.sessionInfo.peerIdentity)
            #expect(server.subjectPublicKeyInfo == (try pki.subjectPublicKeyInfo(.serverPublicKey)))
            #expect(server.subject == nil)
            #expect(server.certificateChain.isEmpty)
            try await expectEcho("ping with a raw public key", over: connection)
        }
    }

    private func expectEcho(
        _ message: String,
        over connection: NIODTLSConnection,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        try await connection.send(ByteBuffer(string: message))
        #expect(try await connection.nextRecord(within: .seconds(10)) == message, sourceLocation: sourceLocation)
    }
}
