import DTLSCore
import NIOCore
import NIODTLS
import Testing

/// Our client against `gnutls-serv --echo`.
@Suite("our client with gnutls-serv", .requires(.gnutlsServer), .timeLimit(.minutes(1)))
struct GnuTLSServerInteropTests {
    @Test("handshake, then a message comes back", arguments: [true, false])
    func echo(cookieExchange: Bool) async throws {
        let peer = try await GnuTLSServer.start(key: .shared, cookieExchange: cookieExchange)
        defer { peer.stop() }

        try await OurClient.withConnection(port: peer.port) { connection in
            #expect(connection.sessionInfo.cipherSuite == .pskWithAES128CCM8)
            let message = "ping from swift-dtls"
            try await connection.send(ByteBuffer(string: message))
            #expect(try await connection.nextRecord(within: .seconds(5)) == message)
            // ClientHello, then ClientHello with the cookie when the server asks for one, then
            // flight 5: one datagram each, apart from retransmissions.
            let statistics = try await connection.statistics
            #expect(statistics.handshakeDatagramsSent - statistics.flightRetransmissions == (cookieExchange ? 3 : 2))
        }
    }

    @Test("with a different PSK our client times out waiting for the server's Finished")
    func wrongKey() async throws {
        let peer = try await GnuTLSServer.start(key: .shared, cookieExchange: true)
        defer { peer.stop() }

        let error = await #expect(throws: DTLSError.self) {
            try await OurClient.connect(port: peer.port, key: .wrong)
        }
        #expect(error?.code == .handshakeTimeout)
        #expect(error?.reason.contains("Finished") == true)
        #expect(await peer.process.standardError.waitUntil(contains: "due to invalid decryption", timeout: .seconds(5)))
    }
}
