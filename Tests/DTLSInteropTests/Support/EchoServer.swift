import DTLSCore
import NIOCore
import NIODTLS

/// Our server on 127.0.0.1, sending every application record back to its sender.
struct EchoServer: Sendable {
    /// The server, for its port and statistics.
    let server: NIODTLSServer
    /// Why handshakes failed.
    let failures: HandshakeFailureLog
    /// The connections it accepted.
    let accepted: AcceptedConnections
    /// The records it received (and sent back), from all connections.
    let received: RecordLog

    /// The port the server listens on.
    var port: Int { server.localAddress.port! }

    /// Starts a server with `configuration`, runs `body` with it and closes it, whether `body`
    /// succeeds or throws.
    static func with(
        _ configuration: DTLSConfiguration,
        _ body: (EchoServer) async throws -> Void
    ) async throws {
        let server = try await NIODTLSServer.bind(host: "127.0.0.1", port: 0, configuration: configuration)
        let failures = HandshakeFailureLog(server: server)
        let accepted = AcceptedConnections()
        let received = RecordLog()
        let echo = Task {
            await withDiscardingTaskGroup { group in
                for await connection in server.connections {
                    accepted.append(connection)
                    group.addTask {
                        // The peer is killed at the end of each test: a failing echo is expected then.
                        try? await Self.echo(connection, logging: received)
                    }
                }
            }
        }
        defer { echo.cancel() }
        do {
            try await body(EchoServer(server: server, failures: failures, accepted: accepted, received: received))
        } catch {
            await server.close()
            throw error
        }
        await server.close()
    }

    private static func echo(_ connection: NIODTLSConnection, logging log: RecordLog) async throws {
        for try await record in connection.inbound {
            log.append(String(buffer: record))
            try await connection.send(record)
        }
    }
}
