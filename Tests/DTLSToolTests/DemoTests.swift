import ProcessTestSupport
import Testing

/// `dtls demo`: a server and a client in one process.
@Suite("dtls demo", .timeLimit(.minutes(1)))
struct DemoTests {
    @Test("exits 0 with a transcript showing the cookie exchange and the suite")
    func transcript() async throws {
        let result = try await ChildProcess.run(
            try ToolExecutable.locate(),
            arguments: ["demo"],
            timeout: ToolFixture.processTimeout
        )
        #expect(result.termination == .exited(0), "stderr: \(result.standardError)")
        #expect(result.standardOutput.contains("HelloVerifyRequest"))
        #expect(result.standardOutput.contains("TLS_PSK_WITH_AES_128_CCM_8"))
    }
}
