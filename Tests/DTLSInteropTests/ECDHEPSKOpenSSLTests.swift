import DTLSCore
import NIOCore
import NIODTLS
import Testing

/// ECDHE_PSK (RFC 5489) with OpenSSL, both directions. Our side offers both its ECDHE_PSK
/// suites, TLS_ECDHE_PSK_WITH_AES_128_CCM_8_SHA256 (0xD003) first; OpenSSL implements only
/// TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256 (0xCCAC) of the two, so that is what is agreed.
@Suite("ECDHE-PSK with OpenSSL", .requires(.openssl), .timeLimit(.minutes(1)))
struct ECDHEPSKOpenSSLTests {
    static let ours: [CipherSuite] = [.ecdhePSKWithAES128CCM8SHA256, .ecdhePSKWithChaCha20Poly1305SHA256]
    static let openSSL = OpenSSLCredentials.psk(.shared, cipher: "ECDHE-PSK-CHACHA20-POLY1305")

    @Test("our client with openssl s_server agrees on 0xCCAC, then a message comes back")
    func ourClient() async throws {
        let peer = try await OpenSSLServer.start(Self.openSSL)
        defer { peer.process.stop() }

        var configuration = InteropKey.shared.clientConfiguration
        configuration.cipherSuites = Self.ours
        try await OurClient.withConnection(port: peer.port, configuration: configuration) { connection in
            #expect(connection.sessionInfo.cipherSuite == .ecdhePSKWithChaCha20Poly1305SHA256)
            #expect(connection.sessionInfo.pskIdentity == Array(InteropKey.identity.utf8))
            let message = "ping over ECDHE-PSK\n"
            let echoed = try await OpenSSLServer.echo(message, through: peer, over: connection)
            #expect(echoed == message)
        }
        #expect(await peer.process.standardOutput.waitUntil(contains: "CIPHER is ECDHE-PSK-CHACHA20-POLY1305", timeout: .seconds(5)))
    }

    @Test("our client offering only 0xD003 gets handshake_failure from openssl s_server")
    func ourClientWithCCM8Only() async throws {
        let peer = try await OpenSSLServer.start(.psk(.shared, cipher: "ECDHE-PSK:PSK"))
        defer { peer.process.stop() }

        var configuration = InteropKey.shared.clientConfiguration
        configuration.cipherSuites = [.ecdhePSKWithAES128CCM8SHA256]
        let error = await #expect(throws: DTLSError.self) {
            try await OurClient.connect(port: peer.port, configuration: configuration)
        }
        #expect(error?.code == .alertReceived)
        #expect(error?.peerAlert == .handshakeFailure)
        #expect(await peer.process.standardError.waitUntil(contains: "no shared cipher", timeout: .seconds(5)))
    }

    @Test("openssl s_client with our server agrees on 0xCCAC, then a message comes back")
    func ourServer() async throws {
        var configuration = InteropKey.shared.serverConfiguration(cookieExchange: .enabled)
        configuration.cipherSuites = Self.ours
        try await EchoServer.with(configuration) { server in
            let peer = try OpenSSLClient.start(port: server.port, Self.openSSL)
            defer { peer.stop() }

            let message = "ping over ECDHE-PSK\n"
            try peer.write(message)
            #expect(await peer.standardOutput.waitUntil(contains: message, timeout: .seconds(10)))
            let connection = try #require(await server.accepted.first(within: .seconds(5)))
            #expect(connection.sessionInfo.cipherSuite == .ecdhePSKWithChaCha20Poly1305SHA256)
            #expect(connection.sessionInfo.pskIdentity == Array(InteropKey.identity.utf8))
        }
    }
}
