import DTLSCore
import NIOCore
import NIODTLS
import Testing

/// Our client against tinydtls' echo server (`tinydtls_peer.py server`), with a PSK and with
/// ECDSA raw public keys.
@Suite("our client with a tinydtls server", .requires(.tinydtls), .timeLimit(.minutes(1)))
struct TinyDTLSServerInteropTests {
    @Test("PSK: handshake with the extensions tinydtls insists on, then a message comes back")
    func psk() async throws {
        let peer = try await TinyDTLSServer.start(key: .shared)
        defer { peer.process.stop() }

        try await OurClient.withConnection(port: peer.port) { connection in
            #expect(connection.sessionInfo.cipherSuite == .pskWithAES128CCM8)
            #expect(connection.sessionInfo.extendedMasterSecret)
            #expect(connection.sessionInfo.serverHelloExtensions.contains(.renegotiationInfo))
            try await expectEcho("ping from swift-dtls", over: connection)
        }
        #expect(await peer.process.standardOutput.waitUntil(contains: "HANDSHAKE OK TLS_PSK_WITH_AES_128_CCM_8\n", timeout: .seconds(5)))
    }

    @Test("raw public keys, mutual: our client pins tinydtls' key and presents its own, then a message comes back")
    func rawPublicKeys() async throws {
        let pki = try await PeerPKI.make()
        defer { pki.remove() }
        let peer = try await TinyDTLSServer.start(rawPublicKeysFrom: pki, requireClientKey: true)
        defer { peer.process.stop() }

        let configuration = try pki.rawPublicKeyClientConfiguration(clientKey: true)
        try await OurClient.withConnection(port: peer.port, configuration: configuration) { connection in
            #expect(connection.sessionInfo.cipherSuite == .ecdheECDSAWithAES128CCM8)
            #expect(connection.sessionInfo.clientAuthenticated)
            let server = try #require(connection.sessionInfo.peerIdentity)
            #expect(server.subjectPublicKeyInfo == (try pki.subjectPublicKeyInfo(.serverPublicKey)))
            #expect(server.certificateChain.isEmpty)
            try await expectEcho("ping with a raw public key", over: connection)
        }
        #expect(await peer.process.standardOutput.waitUntil(contains: "HANDSHAKE OK TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8\n", timeout: .seconds(5)))
    }

    /// tinydtls 0.8.6 refuses an ECDHE-ECDSA ClientHello without client_certificate_type
    /// (dtls_check_tls_extension), even when it will not ask for a client key. Our client
    /// offers that extension only when it has a key to present (RFC 7250 §4.1), so
    /// server-only raw public keys do not work against a tinydtls server. They do the other
    /// way round: the tinydtls client always sends the extension.
    @Test("raw public keys, server only: tinydtls refuses our ClientHello, which has no client_certificate_type")
    func rawPublicKeyServerOnly() async throws {
        let pki = try await PeerPKI.make()
        defer { pki.remove() }
        let peer = try await TinyDTLSServer.start(rawPublicKeysFrom: pki)
        defer { peer.process.stop() }

        let error = await #expect(throws: DTLSError.self) {
            try await OurClient.connect(port: peer.port, configuration: pki.rawPublicKeyClientConfiguration())
        }
        // It sends close_notify, then handshake_failure: our client stops at the first.
        #expect(error?.code == .connectionClosed)
        #expect(await peer.process.standardOutput.waitUntil(contains: "ERROR handshake failed: sent handshake_failure", timeout: .seconds(5)))
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
