import ProcessTestSupport

/// `mbedtls_cid_peer.py client`: mbed TLS' ssl_client2 connecting to 127.0.0.1, with
/// connection IDs.
///
/// After the handshake it sends `exchanges` times `GET <message> HTTP/1.0\r\nHost: localhost
/// \r\nExtra-header: \r\n\r\n`, each after the reply to the one before, then close_notify, and
/// exits 0 (1 after `ERROR <text>`). It prints `HANDSHAKE OK <suite>`, `CID <hex|->` (the ID it
/// writes into its records, ours) or `CID NONE`, and `ECHO <message>` for each reply that equals
/// its request.
enum MbedTLSCIDClient {
    /// How long the client may run in all; the driver prints `ERROR timeout` and exits after it.
    /// Generous, as starting Python and then ssl_client2 takes seconds on a busy machine.
    static let timeout = Duration.seconds(30)

    /// Starts a client of `port` that authenticates with `credentials` and asks for
    /// `connectionID` (nil: it offers none), runs `body` with it and stops it (SIGTERM, so the
    /// driver ends ssl_client2 too), whether `body` succeeds or throws.
    static func with<Result>(
        _ peer: MbedTLSCIDPeer = .mbedTLS36,
        port: Int,
        credentials: CIDCredentials,
        connectionID: TestConnectionID?,
        message: String,
        exchanges: Int = 1,
        _ body: (ChildProcess) async throws -> Result
    ) async throws -> Result {
        var arguments = [
            "client", "--port", "\(port)", "--timeout", "\(timeout.components.seconds)",
            "--message", message, "--exchanges", "\(exchanges)",
        ]
        arguments += credentials.peerClientArguments
        if let connectionID { arguments += ["--cid", connectionID.hex] }
        let process = try peer.start(arguments)
        do {
            let result = try await body(process)
            await process.terminate()
            return result
        } catch {
            await process.terminate()
            throw error
        }
    }

    /// Waits for the client to exit (it gives up after ``timeout`` by itself) and returns how.
    static func waitForExit(_ process: ChildProcess) async -> ChildProcess.Termination? {
        await process.waitForExit(timeout: timeout + .seconds(5))
    }

    /// The messages of the `ECHO <message>` lines so far.
    static func echoes(of process: ChildProcess) -> [String] {
        process.standardOutput.lines.compactMap { $0.hasPrefix("ECHO ") ? String($0.dropFirst(5)) : nil }
    }
}
