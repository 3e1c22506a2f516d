import DTLSCore
import NIOCore
import NIODTLS
import Testing

/// Our client against `openssl s_server`.
@Suite("our client with openssl s_server", .requires(.openssl), .timeLimit(.minutes(1)))
struct OpenSSLServerInteropTests {
    @Test("handshake through its cookie exchange, then a message comes back")
    func echo() async throws {
        let peer = try await OpenSSLServer.start(key: .shared)
        defer { peer.process.stop() }

        try await OurClient.withConnection(port: peer.port) { connection in
            #expect(connection.sessionInfo.cipherSuite == .pskWithAES128CCM8)
            let message = "ping from swift-dtls\n"
            try await connection.send(ByteBuffer(string: message))
            // s_server prints what it receives and sends what it reads: feed the line back.
            try #require(await peer.process.standardOutput.waitUntil(contains: message, timeout: .seconds(5)))
            try peer.process.write(message)
            #expect(try await connection.nextRecord(within: .seconds(5)) == message)
        }
        #expect(await peer.process.standardError.waitUntil(contains: "SSLv3/TLS read finished", timeout: .seconds(5)))
        #expect(peer.process.standardError.text.contains("DTLS1 write hello verify request"))
        #expect(await peer.process.standardOutput.waitUntil(contains: "CIPHER is PSK-AES128-CCM8", timeout: .seconds(5)))
    }

    @Test("with a different PSK our client times out waiting for the server's Finished")
    func wrongKey() async throws {
        let peer = try await OpenSSLServer.start(key: .shared)
        defer { peer.process.stop() }

        let error = await #expect(throws: DTLSError.self) {
            try await OurClient.connect(port: peer.port, key: .wrong)
        }
        #expect(error?.code == .handshakeTimeout)
        #expect(error?.reason.contains("Finished") == true)
        // s_server drops our undecryptable Finished without a word: its handshake stops after
        // the ClientKeyExchange and it keeps waiting.
        let steps = peer.process.standardError.text
        #expect(steps.contains("SSLv3/TLS read client key exchange"))
        #expect(!steps.contains("SSLv3/TLS read finished"))
        #expect(peer.process.isRunning)
    }
}
