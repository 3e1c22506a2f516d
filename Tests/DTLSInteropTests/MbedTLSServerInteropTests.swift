import DTLSCore
import NIOCore
import NIODTLS
import Testing

/// Our client against mbed TLS 2.28's echo server (`mbedtls_peer.py server`), with a PSK and
/// with X.509 certificates.
@Suite("our client with an mbed TLS server", .requires(.mbedtls), .timeLimit(.minutes(1)))
struct MbedTLSServerInteropTests {
    @Test("PSK: handshake through its cookie exchange, then a message comes back")
    func psk() async throws {
        let peer = try await MbedTLSServer.start(key: .shared)
        defer { peer.process.stop() }

        try await OurClient.withConnection(port: peer.port) { connection in
            #expect(connection.sessionInfo.cipherSuite == .pskWithAES128CCM8)
            try await expectEcho("ping from swift-dtls", over: connection)
        }
        #expect(await peer.process.standardOutput.waitUntil(contains: "HANDSHAKE OK TLS_PSK_WITH_AES_128_CCM_8\n", timeout: .seconds(5)))
    }

    /// mbed TLS' server always sends a CertificateRequest: without a client certificate our
    /// client answers with an empty Certificate, which the server accepts unless it requires one.
    @Test("X.509: our client verifies the chain and the name, then a message comes back", arguments: [false, true])
    func certificates(clientCertificate: Bool) async throws {
        let pki = try await PeerPKI.make()
        defer { pki.remove() }
        let peer = try await MbedTLSServer.start(certificatesFrom: pki, requireClientCertificate: clientCertificate)
        defer { peer.process.stop() }

        let configuration = try pki.clientConfiguration(clientCertificate: clientCertificate)
        try await OurClient.withConnection(port: peer.port, configuration: configuration) { connection in
            #expect(connection.sessionInfo.cipherSuite == .ecdheECDSAWithAES128CCM8)
            #expect(connection.sessionInfo.clientAuthenticated == clientCertificate)
            let server = try #require(connection.sessionInfo.peerIdentity)
            #expect(server.dnsNames == [PeerPKI.serverName])
            #expect(server.certificateChain.count == 2)
            try await expectEcho("ping from swift-dtls", over: connection)
        }
        #expect(await peer.process.standardOutput.waitUntil(contains: "HANDSHAKE OK TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8\n", timeout: .seconds(5)))
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
