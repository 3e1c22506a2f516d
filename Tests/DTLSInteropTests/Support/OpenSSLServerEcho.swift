import NIOCore
import NIODTLS
import ProcessTestSupport

extension OpenSSLServer {
    /// How long each step of ``echo(_:through:over:)`` may take.
    static let echoTimeout = Duration.seconds(10)

    /// Sends `line` (ending in a line feed) over `connection` to `server`, waits until
    /// s_server prints it, types it back on its standard input and returns the record our side
    /// receives then.
    static func echo(_ line: String, through server: LaunchedServer, over connection: NIODTLSConnection) async throws -> String {
        try await connection.send(ByteBuffer(string: line))
        guard await server.process.standardOutput.waitUntil(contains: line, timeout: echoTimeout) else {
            throw OperationTimeout(what: "s_server printing the message", timeout: echoTimeout)
        }
        try server.process.write(line)
        return try await connection.nextRecord(within: echoTimeout)
    }
}

extension OpenSSLServer {
    /// Types every line `server` prints that `isPayload` accepts back into it, so that it
    /// answers each record like an echo server; runs until cancelled.
    static func echoLines(of server: LaunchedServer, where isPayload: @escaping @Sendable (String) -> Bool) -> Task<Void, Never> {
        Task {
            var seen = 0
            while !Task.isCancelled {
                let lines = server.process.standardOutput.lines
                for line in lines.dropFirst(seen) where isPayload(line) {
                    try? server.process.write(line + "\n")
                }
                seen = lines.count
                try? await Task.sleep(for: .milliseconds(10))
            }
        }
    }
}
