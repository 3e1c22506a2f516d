import ArgumentParser
import Crypto
import DTLSCore
import NIOCore
import NIODTLS

/// `dtls demo`: servers and clients in one process, talking over loopback UDP.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run a PSK handshake with cookie exchange, then an ECDHE-ECDSA handshake with raw public keys, and print the transcripts."
    )

    func run() async throws {
        let identity = Array("demo-client".utf8)
        let key = SystemRandomSource().bytesForDemo(16)
        var pskServer = DTLSConfiguration.psk(store: StaticPSKStore(identity: identity, key: key))
        pskServer.cookieExchange = .enabled
        try await DemoScene(
            title: "PSK (TLS_PSK_WITH_AES_128_CCM_8) with cookie exchange",
            server: pskServer,
            client: .psk(identity: identity, key: key)
        ).run()

        Terminal.output("")
        let serverKey = P256.Signing.PrivateKey()
        let clientKey = P256.Signing.PrivateKey()
        var rpkServer = DTLSConfiguration()
        rpkServer.certificateCredentials = .rawPublicKey(serverKey)
        rpkServer.peerAuthentication = .pinnedRawPublicKeys([Array(clientKey.publicKey.derRepresentation)])
        rpkServer.clientAuthentication = .required
        var rpkClient = DTLSConfiguration()
        rpkClient.certificateCredentials = .rawPublicKey(clientKey)
        rpkClient.peerAuthentication = .pinnedRawPublicKeys([Array(serverKey.publicKey.derRepresentation)])
        try await DemoScene(
            title: "ECDHE-ECDSA (TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8) with raw public keys, both sides authenticated",
            server: rpkServer,
            client: rpkClient
        ).run()
    }
}

/// One handshake and echo between a local server and client, through a logging relay.
struct DemoScene {
    let title: String
    let server: DTLSConfiguration
    let client: DTLSConfiguration

    func run() async throws {
        let server = try await NIODTLSServer.bind(host: "127.0.0.1", port: 0, configuration: self.server)
        let relay = try await LoggingRelay.start(forwardingTo: server.localAddress)
        let echoTask = Task {
            for await connection in server.connections {
                for try await data in connection.inbound { try await connection.send(data) }
            }
        }
        defer { echoTask.cancel() }

        Terminal.output("== \(title)")
        Terminal.output("server on \(server.localAddress), client connects through a logging relay on \(relay.localAddress)")
        Terminal.output("")

        let started = ContinuousClock.now
        let connection: NIODTLSConnection
        do {
            connection = try await NIODTLSClient.connect(to: relay.localAddress, configuration: client)
        } catch {
            await server.close()
            await relay.stop()
            throw CommandFailure.failed("demo handshake failed: \(error)")
        }
        let handshakeDone = ContinuousClock.now
        let handshakeEntries = relay.entries.count

        let message = "hello from swift-dtls"
        try await connection.send(ByteBuffer(string: message))
        var echo: String?
        for try await data in connection.inbound {
            echo = String(buffer: data)
            break
        }
        let echoDone = ContinuousClock.now
        await connection.close()
        try await Task.sleep(for: .milliseconds(50))

        let entries = relay.entries
        for line in Transcript(entries: entries, start: started).render(handshakeEntries: handshakeEntries) {
            Terminal.output(line)
        }
        let handshakeBytes = entries.prefix(handshakeEntries).reduce(0) { $0 + $1.datagram.readableBytes }
        Terminal.output("")
        Terminal.output("negotiated: \(SessionDescription.describe(connection.sessionInfo))")
        Terminal.output(
            "handshake:  \(handshakeEntries) datagrams, \(handshakeBytes) bytes of UDP payload, \(milliseconds(from: started, to: handshakeDone)) ms"
        )
        Terminal.output("echo:       sent \"\(message)\", got \"\(echo ?? "nothing")\" back in \(milliseconds(from: handshakeDone, to: echoDone)) ms")

        await server.close()
        await relay.stop()
        guard echo == message else { throw CommandFailure.failed("the echo did not match") }
    }
}

extension DTLSRandomSource {
    /// Random bytes for the demo's throwaway key.
    func bytesForDemo(_ count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        bytes.withUnsafeMutableBytes { fill($0) }
        return bytes
    }
}
