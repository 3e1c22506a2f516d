import Foundation
import ProcessTestSupport

/// `gnutls-serv` as a DTLS 1.2 echo server.
///
/// It listens on all addresses (it cannot be told one) and stops serving after stray datagrams,
/// so every test starts its own. It reports records it cannot decrypt, and failed handshakes
/// ("Error in handshake(): ..."), on standard error.
struct GnuTLSServer {
    /// The running server.
    let launched: LaunchedServer
    /// A file written for this server alone (its PSK table), removed when it stops.
    private let ownedFile: URL?

    /// The server's port.
    var port: Int { launched.port }
    /// The server's process.
    var process: ChildProcess { launched.process }

    /// Starts a PSK server holding `key` on a free port, with or without its cookie exchange,
    /// with TLS_PSK_WITH_AES_128_CCM_8 (or the PSK suites `priority` allows).
    static func start(
        key: InteropKey,
        cookieExchange: Bool,
        priority: String = GnuTLSPriority.pskAES128CCM8
    ) async throws -> GnuTLSServer {
        let passwordFile = FileManager.default.temporaryDirectory
            .appendingPathComponent("gnutls-psk-\(UUID().uuidString).txt")
        try "\(InteropKey.identity):\(key.hex)\n".write(to: passwordFile, atomically: true, encoding: .utf8)
        do {
            return try await start(
                [
                    "-a", "--priority", priority, "--pskpasswd", passwordFile.path,
                ] + (cookieExchange ? [] : ["--nocookie"]),
                owning: passwordFile
            )
        } catch {
            try? FileManager.default.removeItem(at: passwordFile)
            throw error
        }
    }

    /// Starts an echo server on a free port with `arguments` for the suite and credentials;
    /// `owning` is removed when the server stops.
    static func start(_ arguments: [String], owning ownedFile: URL? = nil) async throws -> GnuTLSServer {
        let executable = try PeerTool.gnutlsServer.require()
        let launched = try await ServerLauncher.start(
            launch: { port in
                try ChildProcess(executable: executable, arguments: ["--udp", "--echo", "-p", "\(port)"] + arguments)
            },
            readiness: readiness
        )
        return GnuTLSServer(launched: launched, ownedFile: ownedFile)
    }

    /// Kills the server and removes its file.
    func stop() {
        process.stop()
        if let ownedFile { try? FileManager.default.removeItem(at: ownedFile) }
    }

    /// It reports each bind as "UDP Echo Server listening on IPv4 0.0.0.0 port N...done" (or
    /// "...bind() failed: ..."), and keeps running when only one address family failed. The
    /// tests use IPv4.
    private static func readiness(_ process: ChildProcess, port: Int) -> ServerReadiness {
        let prefix = "UDP Echo Server listening on IPv4 0.0.0.0 port \(port)..."
        guard let line = process.standardError.lines.first(where: { $0.hasPrefix(prefix) }) else { return .starting }
        return line == prefix + "done" ? .ready : .failed
    }
}
