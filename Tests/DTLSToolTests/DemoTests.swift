import ProcessTestSupport
import Testing

/// `dtls demo`: a server and a client in one process.
@Suite("dtls demo", .timeLimit(.minutes(1)))
struct DemoTests {
    @Test("exits 0 with transcripts of the cookie exchange, raw public keys, resumption and a connection ID surviving a move")
    func transcript() async throws {
        let result = try await ChildProcess.run(
            try ToolExecutable.locate(),
            arguments: ["demo"],
            timeout: ToolFixture.processTimeout
        )
        #expect(result.termination == .exited(0), "stderr: \(result.standardError)")
        #expect(result.standardOutput.contains("HelloVerifyRequest"))
        #expect(result.standardOutput.contains("TLS_PSK_WITH_AES_128_CCM_8"))
        #expect(result.standardOutput.contains("TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8"))
        #expect(result.standardOutput.contains("resumed by session ID:"))
        #expect(result.standardOutput.contains("resumed by ticket:"))
        #expect(result.standardOutput.contains("tls12_cid record, CID "))
        #expect(result.standardOutput.contains("server:     1 handshake, 1 address change"))
    }
}
