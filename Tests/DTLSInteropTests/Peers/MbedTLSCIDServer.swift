import ProcessTestSupport

/// `mbedtls_cid_peer.py server`: mbed TLS' ssl_server2 on 127.0.0.1, with connection IDs.
///
/// It does not echo: it answers each request with a fixed `HTTP/1.0 200 OK` text naming the
/// suite, and after `exchanges` requests it sends close_notify and waits for the next client.
/// It serves one client at a time, on a socket connected to that client's address. It prints
/// `READY`, then per connection `HANDSHAKE OK <suite>`, `CID <hex|->` (the ID it writes into
/// its records, ours) or `CID NONE`, `RECEIVED <text>` per request and `CLOSED`.
enum MbedTLSCIDServer {
    /// How long a starting server may take to print READY: generous, as starting Python and
    /// then ssl_server2 takes seconds on a machine busy with the other interop tests.
    static let startTimeout = Duration.seconds(30)

    /// A server that printed READY.
    struct Running: Sendable {
        /// The driver process, for its output.
        var process: ChildProcess
        /// The port it listens on.
        var port: Int
    }

    /// Starts a server on a free port that authenticates with `credentials` and asks clients
    /// offering a CID for `connectionID` (nil: it ignores their offer), runs `body` with it and
    /// stops it (SIGTERM, so the driver ends ssl_server2 too), whether `body` succeeds or throws.
    static func with<Result>(
        _ peer: MbedTLSCIDPeer = .mbedTLS36,
        credentials: CIDCredentials,
        connectionID: TestConnectionID?,
        exchanges: Int = 1,
        _ body: (Running) async throws -> Result
    ) async throws -> Result {
        let (process, port) = try await start(peer, exchanges: exchanges, credentials: credentials, connectionID: connectionID)
        do {
            let result = try await body(Running(process: process, port: port))
            await process.terminate()
            return result
        } catch {
            await process.terminate()
            throw error
        }
    }

    /// Starts the driver on a port that was free a moment ago. Another process can take the
    /// port before ssl_server2 binds it; then the driver reports the failed `mbedtls_net_bind`,
    /// and the launcher tries another port.
    private static func start(
        _ peer: MbedTLSCIDPeer,
        exchanges: Int,
        credentials: CIDCredentials,
        connectionID: TestConnectionID?
    ) async throws -> (ChildProcess, Int) {
        let server = try await ServerLauncher.start(
            timeout: startTimeout,
            launch: { port in
                var arguments = ["server", "--port", "\(port)", "--exchanges", "\(exchanges)"] + credentials.peerServerArguments
                if let connectionID { arguments += ["--cid", connectionID.hex] }
                return try peer.start(arguments)
            },
            readiness: { process, _ in
                if process.standardOutput.text.contains("READY\n") { return .ready }
                return process.standardOutput.text.contains("mbedtls_net_bind") ? .failed : .starting
            },
            // SIGTERM, so that the driver ends ssl_server2 too.
            stop: { await $0.terminate() }
        )
        return (server.process, server.port)
    }
}

