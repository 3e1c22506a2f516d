import ProcessTestSupport
import Testing

/// `dtls client` talking to `dtls server`, both as separate processes.
@Suite("dtls client with dtls server", .timeLimit(.minutes(1)))
struct ClientServerTests {
    @Test("--message prints the echo and exits 0")
    func message() async throws {
        let server = try await ToolServer.start()
        defer { server.process.stop() }

        let result = try await ChildProcess.run(
            try ToolExecutable.locate(),
            arguments: ["client", "127.0.0.1:\(server.port)", "--message", "hello over DTLS", "--timeout", "10"]
                + ToolFixture.pskArguments,
            timeout: ToolFixture.processTimeout
        )
        #expect(result.termination == .exited(0), "stderr: \(result.standardError)")
        #expect(result.standardOutput == "hello over DTLS\n")
    }

    @Test("each line of stdin comes back, then the client exits 0")
    func standardInput() async throws {
        let server = try await ToolServer.start()
        defer { server.process.stop() }

        let lines = "first line\nsecond line\nthird line\n"
        let result = try await ChildProcess.run(
            try ToolExecutable.locate(),
            arguments: ["client", "127.0.0.1:\(server.port)", "--timeout", "10"] + ToolFixture.pskArguments,
            input: lines,
            timeout: ToolFixture.processTimeout
        )
        #expect(result.termination == .exited(0), "stderr: \(result.standardError)")
        #expect(result.standardOutput == lines)
    }
}
