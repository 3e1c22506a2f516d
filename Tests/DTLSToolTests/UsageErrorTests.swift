import ProcessTestSupport
import Testing

/// Bad input makes `dtls` print exactly one line on stderr and exit with status 2.
@Suite("dtls rejects bad input", .timeLimit(.minutes(1)))
struct UsageErrorTests {
    /// A command line `dtls` must refuse.
    struct BadInput: Sendable, CustomTestStringConvertible {
        var name: String
        var arguments: [String]

        var testDescription: String { name }
    }

    static let badInputs = [
        BadInput(
            name: "key with non-hex digits",
            arguments: ["client", "127.0.0.1:5684", "--psk-identity", "id", "--psk", "00zz"]
        ),
        BadInput(
            name: "key with an odd number of digits",
            arguments: ["server", "--listen", "127.0.0.1:5684", "--psk-identity", "id", "--psk", "abc"]
        ),
        BadInput(
            name: "client address without a port",
            arguments: ["client", "localhost", "--psk-identity", "id", "--psk", "00"]
        ),
        BadInput(
            name: "listen address with a service name for a port",
            arguments: ["server", "--listen", "127.0.0.1:http", "--psk-identity", "id", "--psk", "00"]
        ),
        BadInput(
            name: "connection ID longer than 32 bytes",
            arguments: ["client", "127.0.0.1:5684", "--psk-identity", "id", "--psk", "00", "--cid", "33"]
        ),
        BadInput(
            name: "max_fragment_length that is not a power of two from 512 to 4096",
            arguments: ["client", "127.0.0.1:5684", "--psk-identity", "id", "--psk", "00", "--max-fragment", "1000"]
        ),
        BadInput(
            name: "record_size_limit below 64",
            arguments: ["server", "--listen", "127.0.0.1:5684", "--psk-identity", "id", "--psk", "00", "--record-size-limit", "63"]
        ),
        BadInput(
            name: "cached_info without a message to repeat",
            arguments: ["client", "127.0.0.1:5684", "--peer-key", "key.pem", "--cached-info"]
        ),
        BadInput(
            name: "unknown option",
            arguments: ["client", "127.0.0.1:5684", "--psk-identity", "id", "--psk", "00", "--frobnicate"]
        ),
    ]

    @Test("bad arguments", arguments: badInputs)
    func badArguments(_ input: BadInput) async throws {
        let result = try await ChildProcess.run(
            try ToolExecutable.locate(),
            arguments: input.arguments,
            timeout: ToolFixture.processTimeout
        )
        expectUsageError(result)
    }

    @Test("a port another socket holds")
    func portInUse() async throws {
        let reservation = try await UDPPortReservation.reserve()
        let result: CompletedProcess
        do {
            result = try await ChildProcess.run(
                try ToolExecutable.locate(),
                arguments: ["server", "--listen", "127.0.0.1:\(reservation.port)"] + ToolFixture.pskArguments,
                timeout: ToolFixture.processTimeout
            )
        } catch {
            await reservation.release()
            throw error
        }
        await reservation.release()
        expectUsageError(result)
        #expect(result.standardError.contains("in use"))
    }

    private func expectUsageError(_ result: CompletedProcess, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.termination == .exited(2), sourceLocation: sourceLocation)
        let lines = result.standardError.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(
            lines.count == 2 && !lines[0].isEmpty && lines[1].isEmpty,
            "stderr must be one line, got \(result.standardError.debugDescription)",
            sourceLocation: sourceLocation
        )
        #expect(result.standardOutput.isEmpty, sourceLocation: sourceLocation)
    }
}
