import DTLSCore
import NIOCore
import NIODTLS
import Synchronization

/// A local echo server reached through a logging relay: the setting of every demo scene.
final class DemoStage: Sendable {
    let server: NIODTLSServer
    let relay: LoggingRelay
    let started = ContinuousClock.now
    /// The server side of every connection accepted so far.
    private let accepted = AcceptedConnections()
    private let echoTask: Task<Void, Never>

    private init(server: NIODTLSServer, relay: LoggingRelay) {
        self.server = server
        self.relay = relay
        let accepted = self.accepted
        echoTask = Task {
            await withTaskGroup(of: Void.self) { group in
                for await connection in server.connections {
                    accepted.list.withLock { $0.append(connection) }
                    group.addTask {
                        do {
                            for try await data in connection.inbound { try await connection.send(data) }
                        } catch {}
                    }
                }
            }
        }
    }

    /// Runs `body` on a stage for `configuration`, and closes the stage whatever happens.
    static func with(server configuration: DTLSConfiguration, _ body: (DemoStage) async throws -> Void) async throws {
        let stage = try await open(server: configuration)
        do {
            try await body(stage)
        } catch {
            await stage.close()
            throw error
        }
        await stage.close()
    }

    private static func open(server configuration: DTLSConfiguration) async throws -> DemoStage {
        let server = try await NIODTLSServer.bind(host: "127.0.0.1", port: 0, configuration: configuration)
        do {
            return DemoStage(server: server, relay: try await LoggingRelay.start(forwardingTo: server.localAddress))
        } catch {
            await server.close()
            throw error
        }
    }

    /// The server's side of the most recent connection.
    var lastAccepted: NIODTLSConnection? { accepted.list.withLock { $0.last } }

    /// What one handshake cost on the wire.
    struct HandshakeCost {
        var datagrams: Int
        var bytes: Int
        var duration: Duration
    }

    /// Waits until the relay has forwarded nothing for a few milliseconds, so a flight that is
    /// still on its way (a client's last flight, a close_notify) is counted where it belongs.
    func settle() async {
        var count = relay.entries.count
        for _ in 0..<20 {
            try? await Task.sleep(for: .milliseconds(15))
            let now = relay.entries.count
            if now == count { return }
            count = now
        }
    }

    /// Connects through the relay; returns the connection and what its handshake sent.
    func connect(_ client: DTLSConfiguration) async throws -> (NIODTLSConnection, HandshakeCost) {
        await settle()
        let mark = relay.entries.count
        let began = ContinuousClock.now
        let connection: NIODTLSConnection
        do {
            connection = try await NIODTLSClient.connect(to: relay.localAddress, configuration: client)
        } catch {
            throw CommandFailure.failed("demo handshake failed: \(error)")
        }
        let duration = began.duration(to: .now)
        await settle()
        let datagrams = relay.entries[mark...]
        return (connection, HandshakeCost(datagrams: datagrams.count, bytes: datagrams.reduce(0) { $0 + $1.datagram.readableBytes }, duration: duration))
    }

    /// Sends `message`, waits for the echo and fails unless it matches.
    func echo(_ message: String, over connection: NIODTLSConnection) async throws {
        let began = ContinuousClock.now
        try await connection.send(ByteBuffer(string: message))
        var echo: String?
        for try await data in connection.inbound {
            echo = String(buffer: data)
            break
        }
        Terminal.output("echo:       sent \"\(message)\", got \"\(echo ?? "nothing")\" back in \(milliseconds(began.duration(to: .now))) ms")
        guard echo == message else { throw CommandFailure.failed("the echo did not match") }
    }

    /// Prints the flights forwarded from entry `mark` on; the first `handshakeEntries` of them
    /// are numbered as handshake flights.
    func printTranscript(from mark: Int, handshakeEntries: Int, serverConnectionIDLength: Int = 0) {
        let entries = Array(relay.entries[mark...])
        var transcript = Transcript(entries: entries, start: started)
        transcript.serverConnectionIDLength = serverConnectionIDLength
        for line in transcript.render(handshakeEntries: handshakeEntries) { Terminal.output(line) }
    }

    /// Prints what a handshake negotiated and cost.
    func printSummary(_ connection: NIODTLSConnection, _ cost: HandshakeCost) {
        Terminal.output("")
        Terminal.output("negotiated: \(SessionDescription.describe(connection.sessionInfo))")
        Terminal.output("handshake:  \(cost.datagrams) datagrams, \(cost.bytes) bytes of UDP payload, \(milliseconds(cost.duration)) ms")
    }

    func close() async {
        await server.close()
        await relay.stop()
        echoTask.cancel()
    }
}

/// The connections a stage's server accepted, shared with its echo task.
private final class AcceptedConnections: Sendable {
    let list = Mutex<[NIODTLSConnection]>([])
}
