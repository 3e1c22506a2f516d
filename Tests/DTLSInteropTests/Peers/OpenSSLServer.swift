import ProcessTestSupport

/// `openssl s_server` as a DTLS 1.2 server on 127.0.0.1.
///
/// It has no echo mode: it prints what it receives on standard output and sends what it reads
/// on standard input. It always does the cookie exchange, and with `-state` it logs each
/// handshake step on standard error, as well as errors and alerts.
enum OpenSSLServer {
    /// Starts a server with PSK-AES128-CCM8 holding `key` on a free port; it serves one connection.
    static func start(key: InteropKey) async throws -> LaunchedServer {
        try await start([
            "-cipher", "PSK-AES128-CCM8", "-nocert", "-psk", key.hex, "-psk_identity", InteropKey.identity,
        ])
    }

    /// Starts a server on a free port with `arguments` for the suite and credentials; it serves
    /// one connection.
    static func start(_ arguments: [String]) async throws -> LaunchedServer {
        let openssl = try PeerTool.openssl.require()
        return try await ServerLauncher.start(
            launch: { port in
                try ChildProcess(
                    executable: openssl,
                    arguments: ["s_server", "-dtls1_2", "-accept", "127.0.0.1:\(port)"] + arguments
                        + ["-naccept", "1", "-state"]
                )
            },
            // It prints ACCEPT once it listens, and exits when it cannot bind.
            readiness: { process, _ in process.standardOutput.lines.contains("ACCEPT") ? .ready : .starting }
        )
    }
}
