import DTLSCore
import NIOCore
import NIODTLS

/// Starts an echo server on 127.0.0.1 for the duration of `body`.
func withEchoServer(
    _ configuration: DTLSConfiguration = NIOFixtures.server,
    limits: NIODTLSServerLimits = NIODTLSServerLimits(),
    _ body: (NIODTLSServer) async throws -> Void
) async throws {
    let server = try await NIODTLSServer.bind(host: "127.0.0.1", port: 0, configuration: configuration, limits: limits)
    let echo = Task {
        await withDiscardingTaskGroup { group in
            for await connection in server.connections {
                group.addTask {
                    do {
                        for try await data in connection.inbound { try await connection.send(data) }
                    } catch {}
                }
            }
        }
    }
    defer { echo.cancel() }
    do {
        try await body(server)
    } catch {
        await server.close()
        throw error
    }
    await server.close()
}

/// Configurations shared by the adapter tests.
enum NIOFixtures {
    static let identity = Array("nio-test".utf8)
    static let key = [UInt8](repeating: 0x5A, count: 16)
    static var server: DTLSConfiguration { .psk(store: StaticPSKStore(identity: identity, key: key)) }
    static var client: DTLSConfiguration {
        var configuration = DTLSConfiguration.psk(identity: identity, key: key)
        configuration.handshakeTimeout = .seconds(10)
        return configuration
    }
}
