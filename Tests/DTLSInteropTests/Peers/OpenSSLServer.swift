import ProcessTestSupport

/// `openssl s_server` as a DTLS 1.2 server on 127.0.0.1.
///
/// It has no echo mode: it prints what it receives on standard output and sends what it reads
/// on standard input. It always does the cookie exchange, and with `-state` it logs each
/// handshake step on standard error, as well as errors and alerts.
enum OpenSSLServer {
    /// Starts a server with PSK-AES128-CCM8 holding `key` on a free port, adding `options` to
    /// the command line; it serves one connection.
    static func start(key: InteropKey, options: [String] = []) async throws -> LaunchedServer {
        try await start([
            "-cipher", "PSK-AES128-CCM8", "-nocert", "-psk", key.hex, "-psk_identity", InteropKey.identity,
        ] + options)
    }

    /// Starts a server on a free port with `arguments` for the suite and credentials; it serves
    /// `connections` connections, one after the other.
    static func start(_ arguments: [String], connections: Int = 1) async throws -> LaunchedServer {
        let openssl = try PeerTool.openssl.require()
        return try await ServerLauncher.start(
            launch: { port in
                try ChildProcess(
                    executable: openssl,
                    arguments: ["s_server", "-dtls1_2", "-accept", "127.0.0.1:\(port)"] + arguments
                        + ["-naccept", "\(connections)", "-state"]
                )
            },
            // It prints ACCEPT once it listens, and exits when it cannot bind.
            readiness: { process, _ in process.standardOutput.lines.contains("ACCEPT") ? .ready : .starting }
        )
    }
}
