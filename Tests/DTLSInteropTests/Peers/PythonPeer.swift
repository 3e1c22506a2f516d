import Foundation
import ProcessTestSupport
import Synchronization

/// A DTLS implementation that the interop tests drive through one of the Python programs in
/// `Tests/Peers` (see the README there).
///
/// The programs run under the interpreter named by `DTLS_PEER_PYTHON` (scripts/test.sh sets
/// it when it had to install the packages into a virtual environment), or else `python3` on
/// `PATH`. A peer is installed when that interpreter can import its package.
struct PythonPeer: Sendable {
    /// The implementation, for messages.
    let name: String
    /// The program in `Tests/Peers`.
    let script: String
    /// The module the program imports.
    let module: String
    /// The pip requirement providing that module.
    let requirement: String

    static let tinydtls = PythonPeer(
        name: "tinydtls", script: "tinydtls_peer.py", module: "DTLSSocket.dtls", requirement: "dtlssocket==0.2.3"
    )
    static let mbedtls = PythonPeer(
        name: "mbed TLS", script: "mbedtls_peer.py", module: "mbedtls", requirement: "python-mbedtls==2.10.1"
    )

    /// The programs' directory, found from this source file: Tests/DTLSInteropTests/Peers → Tests/Peers.
    private static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Peers")

    /// The interpreter that runs the programs, if there is one.
    static var interpreter: URL? {
        if let path = ProcessInfo.processInfo.environment["DTLS_PEER_PYTHON"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return PeerTool(name: "python3", package: "python3").location
    }

    /// Whether the interpreter imports the module, asked once per module.
    var isInstalled: Bool {
        if let known = Self.installed.withLock({ $0[module] }) { return known }
        let importable = Self.interpreter.map { Self.imports(module, with: $0) } ?? false
        Self.installed.withLock { $0[module] = importable }
        return importable
    }

    /// Starts the program with `arguments`; throws ``PythonPeerMissing`` when it cannot run.
    func start(_ arguments: [String]) throws -> ChildProcess {
        guard let interpreter = Self.interpreter, isInstalled else { throw PythonPeerMissing(peer: self) }
        return try ChildProcess(
            executable: interpreter,
            arguments: [Self.directory.appendingPathComponent(script).path] + arguments
        )
    }

    /// Starts the program's server role with `arguments` on a free port of 127.0.0.1 and waits
    /// until it prints READY.
    func startServer(_ arguments: [String]) async throws -> LaunchedServer {
        try await ServerLauncher.start(
            launch: { port in try start(["server", "--port", "\(port)"] + arguments) },
            // It prints READY once bound, or ERROR (and exits) when it cannot bind.
            readiness: { process, _ in
                let lines = process.standardOutput.lines
                if lines.contains("READY") { return .ready }
                return lines.contains { $0.hasPrefix("ERROR") } ? .failed : .starting
            }
        )
    }

    private static let installed = Mutex<[String: Bool]>([:])

    private static func imports(_ module: String, with interpreter: URL) -> Bool {
        let process = Process()
        process.executableURL = interpreter
        process.arguments = ["-c", "import \(module)"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationReason == .exit && process.terminationStatus == 0
    }
}

/// A Python peer a test needs cannot run.
struct PythonPeerMissing: Error, CustomStringConvertible {
    var peer: PythonPeer

    var description: String {
        let interpreter = PythonPeer.interpreter?.path ?? "python3 (not on PATH)"
        return "\(interpreter) cannot import \(peer.module); install \(peer.requirement) "
            + "(see Tests/Peers/README.md; scripts/test.sh does) or point DTLS_PEER_PYTHON at an interpreter that has it"
    }
}

extension PythonPeer {
    /// The client role's arguments for `port`, the one `message` to send (nil: the lines of
    /// standard input) and the `timeout` in whole seconds.
    static func clientArguments(port: Int, message: String?, timeout: Duration) -> [String] {
        ["client", "--port", "\(port)", "--timeout", "\(timeout.components.seconds)"]
            + (message.map { ["--message", $0] } ?? [])
    }

    /// The texts of the `ECHO <text>` lines in a client's output so far.
    static func echoes(in output: OutputCapture) -> [String] {
        output.lines.compactMap { $0.hasPrefix("ECHO ") ? String($0.dropFirst(5)) : nil }
    }
}
