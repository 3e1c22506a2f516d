import DTLSCore
import NIOCore
import NIODTLS

/// Our server on 127.0.0.1, sending every application record back to its sender (or what a
/// `reply` function makes of it).
struct EchoServer: Sendable {
    /// The server, for its port and statistics.
    let server: NIODTLSServer
    /// Why handshakes failed.
    let failures: HandshakeFailureLog
    /// The connections it accepted.
    let accepted: AcceptedConnections
    /// The records it received (and answered), from all connections.
    let received: RecordLog

    /// The port the server listens on.
    var port: Int { server.localAddress.port! }

    /// Starts a server with `configuration`, runs `body` with it and closes it, whether `body`
    /// succeeds or throws. Each record is answered with `reply(record)`, if not nil.
    static func with(
        _ configuration: DTLSConfiguration,
        reply: @escaping @Sendable (ByteBuffer) -> ByteBuffer? = { $0 },
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
                        try? await Self.answer(connection, with: reply, logging: received)
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

    private static func answer(
        _ connection: NIODTLSConnection,
        with reply: (ByteBuffer) -> ByteBuffer?,
        logging log: RecordLog
    ) async throws {
        for try await record in connection.inbound {
            log.append(String(buffer: record))
            if let answer = reply(record) { try await connection.send(answer) }
        }
    }
}
