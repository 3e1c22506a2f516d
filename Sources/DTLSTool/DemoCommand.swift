import ArgumentParser
import DTLSCore
import NIOCore
import NIODTLS

/// `dtls demo`: a server and a client in one process, talking over loopback UDP.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run a PSK handshake with cookie exchange between a local server and client and print the transcript."
    )

    func run() async throws {
        let identity = "demo-client"
        let key = SystemRandomSource().bytesForDemo(16)
        var serverConfiguration = DTLSConfiguration.psk(store: StaticPSKStore(identity: Array(identity.utf8), key: key))
        serverConfiguration.cookieExchange = .enabled
        let clientConfiguration = DTLSConfiguration.psk(identity: Array(identity.utf8), key: key)

        let server = try await NIODTLSServer.bind(host: "127.0.0.1", port: 0, configuration: serverConfiguration)
        let relay = try await LoggingRelay.start(forwardingTo: server.localAddress)
        let echoTask = Task {
            for await connection in server.connections {
                for try await data in connection.inbound { try await connection.send(data) }
            }
        }

        Terminal.output("swift-dtls demo: PSK handshake with cookie exchange, then one echoed message")
        Terminal.output("server on \(server.localAddress), client connects through a logging relay on \(relay.localAddress)")
        Terminal.output("")

        let started = ContinuousClock.now
        let connection: NIODTLSConnection
        do {
            connection = try await NIODTLSClient.connect(to: relay.localAddress, configuration: clientConfiguration)
        } catch {
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

        echoTask.cancel()
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
