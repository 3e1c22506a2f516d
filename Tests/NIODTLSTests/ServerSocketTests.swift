import DTLSCore
import NIOCore
import NIODTLS
import Testing

@Suite("The server's UDP socket", .timeLimit(.minutes(1)))
struct ServerSocketTests {
    @Test("a port a server holds cannot be bound by a second server")
    func portIsExclusive() async throws {
        let first = try await NIODTLSServer.bind(host: "127.0.0.1", port: 0, configuration: NIOFixtures.server)
        let port = try #require(first.localAddress.port)
        await #expect(throws: (any Error).self) {
            let second = try await NIODTLSServer.bind(host: "127.0.0.1", port: port, configuration: NIOFixtures.server)
            await second.close()
        }
        await first.close()
    }
}
