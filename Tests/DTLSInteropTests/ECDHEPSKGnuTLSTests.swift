import DTLSCore
import Foundation
import NIOCore
import NIODTLS
import Testing

/// ECDHE_PSK (RFC 5489) with GnuTLS, both directions. GnuTLS has no ECDHE_PSK suite with
/// CCM-8, so of our two (0xD003 offered first) only TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256
/// (0xCCAC) is shared.
@Suite("ECDHE-PSK with GnuTLS", .timeLimit(.minutes(1)))
struct ECDHEPSKGnuTLSTests {
    static let ours: [CipherSuite] = [.ecdhePSKWithAES128CCM8SHA256, .ecdhePSKWithChaCha20Poly1305SHA256]

    @Test("our client with gnutls-serv agrees on 0xCCAC, then a message comes back", .requires(.gnutlsServer))
    func ourClient() async throws {
        let peer = try await GnuTLSServer.start(key: .shared, cookieExchange: true, priority: GnuTLSPriority.ecdhePSK)
        defer { peer.stop() }

        var configuration = InteropKey.shared.clientConfiguration
        configuration.cipherSuites = Self.ours
        try await OurClient.withConnection(port: peer.port, configuration: configuration) { connection in
            #expect(connection.sessionInfo.cipherSuite == .ecdhePSKWithChaCha20Poly1305SHA256)
            let message = "ping over ECDHE-PSK"
            try await connection.send(ByteBuffer(string: message))
            #expect(try await connection.nextRecord(within: .seconds(10)) == message)
        }
    }

    /// gnutls-serv logs the failure but sends no alert over UDP: our client gives up at its
    /// handshake timeout.
    @Test("gnutls-serv finds no suite to share with our client offering only 0xD003", .requires(.gnutlsServer))
    func ourClientWithCCM8Only() async throws {
        let peer = try await GnuTLSServer.start(key: .shared, cookieExchange: true, priority: GnuTLSPriority.ecdhePSK)
        defer { peer.stop() }

        var configuration = InteropKey.shared.clientConfiguration
        configuration.cipherSuites = [.ecdhePSKWithAES128CCM8SHA256]
        configuration.handshakeTimeout = .seconds(2)
        let error = await #expect(throws: DTLSError.self) {
            try await OurClient.connect(port: peer.port, configuration: configuration)
        }
        #expect(error?.code == .handshakeTimeout)
        #expect(
            await peer.process.standardError.waitUntil(
                contains: "Error in handshake(): No supported cipher suites have been found.",
                timeout: .seconds(5)
            )
        )
    }

    /// gnutls-cli 3.7 crashes (SIGSEGV in `gnutls_psk_server_get_username`, called while it
    /// prints the session) right after every ECDHE-PSK handshake it completes, whatever the
    /// server. Our server's completed handshake is the evidence: it verified the client's
    /// Finished, and the client only prints the session after verifying ours. A gnutls-cli
    /// without that bug must also get its message back.
    @Test("gnutls-cli completes the handshake with our server on 0xCCAC", .requires(.gnutlsClient))
    func ourServer() async throws {
        var configuration = InteropKey.shared.serverConfiguration(cookieExchange: .enabled)
        configuration.cipherSuites = Self.ours
        try await EchoServer.with(configuration) { server in
            let peer = try GnuTLSClient.start(port: server.port, key: .shared, priority: GnuTLSPriority.ecdhePSK)
            defer { peer.stop() }

            let connection = try #require(await server.accepted.first(within: .seconds(10)))
            #expect(connection.sessionInfo.cipherSuite == .ecdhePSKWithChaCha20Poly1305SHA256)
            #expect(connection.sessionInfo.pskIdentity == Array(InteropKey.identity.utf8))

            let message = "ping over ECDHE-PSK"
            try? peer.write(message + "\n")
            let echoed = await peer.standardOutput.waitUntil(contains: "\n" + message + "\n", timeout: .seconds(5))
            if !echoed {
                let termination = await peer.waitForExit(timeout: .seconds(5))
                #expect(termination == .signalled(SIGSEGV), "gnutls-cli neither echoed nor crashed: \(peer.standardOutput.text)")
                print("gnutls-cli ended with \(termination.map(String.init(describing:)) ?? "nothing") after the ECDHE-PSK handshake")
            }
        }
    }
}
