import Foundation
import ProcessTestSupport
import Testing

/// `--keylog FILE` writes NSS key log lines that decrypt captures.
@Suite("dtls --keylog", .timeLimit(.minutes(1)))
struct KeyLogTests {
    @Test("client and server log the same CLIENT_RANDOM line")
    func sameLineOnBothEnds() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dtls-keylog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: directory) }
        let serverLog = directory.appendingPathComponent("server.keys")
        let clientLog = directory.appendingPathComponent("client.keys")

        let server = try await ToolServer.start(["--keylog", serverLog.path])
        defer { server.process.stop() }
        let result = try await ChildProcess.run(
            try ToolExecutable.locate(),
            arguments: ["client", "127.0.0.1:\(server.port)", "--message", "keys", "--keylog", clientLog.path]
                + ToolFixture.pskArguments,
            timeout: ToolFixture.processTimeout
        )
        try #require(result.termination == .exited(0), "stderr: \(result.standardError)")

        let clientLines = try String(contentsOf: clientLog, encoding: .utf8).split(separator: "\n")
        let serverLines = try String(contentsOf: serverLog, encoding: .utf8).split(separator: "\n")
        let line = try #require(clientLines.first)
        #expect(clientLines.count == 1)
        #expect(line.wholeMatch(of: /CLIENT_RANDOM [0-9a-f]{64} [0-9a-f]{96}/) != nil, "\(line)")
        #expect(serverLines == clientLines)
    }
}
