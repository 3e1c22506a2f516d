import ProcessTestSupport

/// `dtls server`, the echo server, started on a free port on 127.0.0.1.
enum ToolServer {
    /// Starts the server with `credentials` (by default the shared PSK) and `arguments`, and
    /// waits until it listens.
    static func start(
        _ arguments: [String] = [],
        credentials: [String] = ToolFixture.pskArguments
    ) async throws -> LaunchedServer {
        let dtls = try ToolExecutable.locate()
        return try await ServerLauncher.start(
            launch: { port in
                try ChildProcess(
                    executable: dtls,
                    arguments: ["server", "--listen", "127.0.0.1:\(port)", "--verbose"] + credentials + arguments
                )
            },
            // --verbose announces "listening on ..." once bound; a taken port makes it exit.
            readiness: { process, _ in process.standardError.text.contains("listening on") ? .ready : .starting }
        )
    }
}
