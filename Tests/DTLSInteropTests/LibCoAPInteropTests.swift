import DTLSCore
import NIOCore
import NIODTLS
import Testing

/// CoAP over DTLS with libcoap 4.3, the CoAP library of many gateways and devices, in its
/// OpenSSL and GnuTLS builds: its server answers a GET from our client, and its client gets a
/// resource from our server, which answers like a CoAP server.
@Suite("libcoap", .timeLimit(.minutes(1)))
struct LibCoAPInteropTests {
    @Test("a CoAP message survives encoding and decoding (RFC 7252 Appendix A's GET /temperature)")
    func coapCodec() throws {
        let request = CoAPMessage(
            kind: .confirmable,
            code: CoAPMessage.get,
            messageID: 0x7D34,
            options: [CoAPMessage.Option(number: CoAPMessage.uriPathOption, value: Array("temperature".utf8))]
        )
        #expect(request.bytes == [0x40, 0x01, 0x7D, 0x34, 0xBB] + Array("temperature".utf8))
        #expect(CoAPMessage(bytes: request.bytes) == request)
        let response = request.contentResponse("22.3 C")
        #expect(response.bytes == [0x60, 0x45, 0x7D, 0x34, 0xFF] + Array("22.3 C".utf8))
        #expect(CoAPMessage(bytes: response.bytes) == response)
        #expect(CoAPMessage(bytes: [0x40, 0x01, 0x7D]) == nil)
        #expect(CoAPMessage(bytes: [0x40, 0x01, 0x7D, 0x34, 0xFF]) == nil)
    }

    @Test("our client GETs / from coap-server", .requires(LibCoAP.openssl.server), .requires(LibCoAP.gnutls.server), arguments: LibCoAP.allCases)
    func ourClient(libcoap: LibCoAP) async throws {
        let peer = try await libcoap.startServer(key: .printable)
        defer { peer.process.stop() }

        try await OurClient.withConnection(port: peer.port, configuration: InteropKey.printable.clientConfiguration) { connection in
            #expect(connection.sessionInfo.cipherSuite == .pskWithAES128CCM8)
            let request = CoAPMessage(kind: .confirmable, code: CoAPMessage.get, messageID: 0x5D71, token: [0xC0, 0xA8])
            try await connection.send(ByteBuffer(bytes: request.bytes))
            let reply = Array(buffer: try await connection.nextRecordBytes(within: .seconds(10)))
            let response = try #require(CoAPMessage(bytes: reply), "not a CoAP message: \(reply)")
            #expect(response.kind == .acknowledgement)
            #expect(response.code == CoAPMessage.content)
            #expect(response.messageID == request.messageID)
            #expect(response.token == request.token)
            #expect(String(decoding: response.payload, as: UTF8.self).contains("libcoap"))
        }
    }

    @Test("coap-client GETs a resource from our server", .requires(LibCoAP.openssl.client), .requires(LibCoAP.gnutls.client), arguments: LibCoAP.allCases)
    func theirClient(libcoap: LibCoAP) async throws {
        let configuration = InteropKey.printable.serverConfiguration(cookieExchange: .enabled)
        try await EchoServer.with(configuration, reply: Self.answer) { server in
            let peer = try libcoap.get("sensors/temperature", port: server.port, key: .printable)
            defer { peer.stop() }

            let termination = await peer.waitForExit(timeout: .seconds(20))
            #expect(termination == .exited(0), "\(peer.standardOutput.text)\(peer.standardError.text)")
            #expect(peer.standardOutput.text.contains("swift-dtls: GET /sensors/temperature"))
            let statistics = try await server.server.statistics
            #expect(statistics.handshakesCompleted == 1)
            #expect(statistics.helloVerifyRequestsSent == 1)
        }
    }

    @Test("raw public keys, mutual: our client GETs / from coap-server-gnutls", .requires(LibCoAP.gnutls.server))
    func ourClientWithRawPublicKeys() async throws {
        let pki = try await PeerPKI.make()
        defer { pki.remove() }
        let peer = try await LibCoAP.gnutls.startServer(rawPublicKeyFile: try LibCoAP.rawPublicKeyFile(in: pki, role: .server))
        defer { peer.process.stop() }

        let configuration = try pki.rawPublicKeyClientConfiguration(clientKey: true)
        try await OurClient.withConnection(port: peer.port, configuration: configuration) { connection in
            #expect(connection.sessionInfo.cipherSuite == .ecdheECDSAWithAES128CCM8)
            #expect(connection.sessionInfo.peerIdentity?.subjectPublicKeyInfo == (try pki.subjectPublicKeyInfo(.serverPublicKey)))
            let request = CoAPMessage(kind: .confirmable, code: CoAPMessage.get, messageID: 0x0A5E, token: [0x72, 0x70, 0x6B])
            try await connection.send(ByteBuffer(bytes: request.bytes))
            let reply = Array(buffer: try await connection.nextRecordBytes(within: .seconds(10)))
            let response = try #require(CoAPMessage(bytes: reply), "not a CoAP message: \(reply)")
            #expect(response.code == CoAPMessage.content)
            #expect(response.token == request.token)
            #expect(String(decoding: response.payload, as: UTF8.self).contains("libcoap"))
        }
    }

    @Test("raw public keys, mutual: coap-client-gnutls gets a resource from our server, which pins its key", .requires(LibCoAP.gnutls.client))
    func theirClientWithRawPublicKeys() async throws {
        let pki = try await PeerPKI.make()
        defer { pki.remove() }
        var configuration = try pki.rawPublicKeyServerConfiguration(clientAuthentication: .required)
        // The client prefers AES-GCM; the profile's suite is the one to prove.
        configuration.cipherSuites = [.ecdheECDSAWithAES128CCM8]
        try await EchoServer.with(configuration, reply: Self.answer) { server in
            let peer = try LibCoAP.gnutls.get("actuators/valve", port: server.port, rawPublicKeyFile: try LibCoAP.rawPublicKeyFile(in: pki, role: .client))
            defer { peer.stop() }

            let termination = await peer.waitForExit(timeout: .seconds(20))
            #expect(termination == .exited(0), "\(peer.standardOutput.text)\(peer.standardError.text)")
            #expect(peer.standardOutput.text.contains("swift-dtls: GET /actuators/valve"))
            let accepted = try #require(await server.accepted.first(within: .seconds(5)))
            #expect(accepted.sessionInfo.cipherSuite == .ecdheECDSAWithAES128CCM8)
            #expect(accepted.sessionInfo.peerIdentity?.subjectPublicKeyInfo == (try pki.subjectPublicKeyInfo(.clientPublicKey)))
        }
    }

    /// What a CoAP server says to a confirmable GET: the piggybacked response naming the path.
    /// Anything else gets no answer.
    @Sendable private static func answer(_ record: ByteBuffer) -> ByteBuffer? {
        guard let request = CoAPMessage(bytes: Array(buffer: record)), request.kind == .confirmable, request.code == CoAPMessage.get
        else { return nil }
        return ByteBuffer(bytes: request.contentResponse("swift-dtls: GET /\(request.uriPath)").bytes)
    }
}
