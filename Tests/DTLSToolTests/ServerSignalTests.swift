import Foundation
import ProcessTestSupport
import Testing

/// `dtls server` runs until SIGINT or SIGTERM and then exits cleanly.
@Suite("dtls server stops on a signal", .timeLimit(.minutes(1)))
struct ServerSignalTests {
    @Test("exits 0", arguments: [SIGTERM, SIGINT])
    func exitsCleanly(signal: Int32) async throws {
        let server = try await ToolServer.start()
        defer { server.process.stop() }

        server.process.send(signal: signal)
        let termination = await server.process.waitForExit(timeout: .seconds(10))
        #expect(termination == .exited(0), "stderr: \(server.process.standardError.text)")
    }
}
