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
        let port = try await UDPPortReservation.freePort()
        var arguments = ["server", "--port", "\(port)", "--exchanges", "\(exchanges)"] + credentials.peerServerArguments
        if let connectionID { arguments += ["--cid", connectionID.hex] }
        let process = try peer.start(arguments)
        do {
            // ssl_server2 binds with SO_REUSEADDR, so a port taken meanwhile goes unnoticed
            // rather than failing: there is nothing to retry.
            guard await process.standardOutput.waitUntil(contains: "READY\n", timeout: startTimeout) else {
                throw MbedTLSCIDServerNotReady(port: port, output: process.standardOutput.text + process.standardError.text)
            }
            let result = try await body(Running(process: process, port: port))
            await process.terminate()
            return result
        } catch {
            await process.terminate()
            throw error
        }
    }
}

/// ssl_server2 did not print READY in time, or failed.
struct MbedTLSCIDServerNotReady: Error, CustomStringConvertible {
    var port: Int
    var output: String

    var description: String { "ssl_server2 on port \(port) did not get ready: \(output)" }
}
