import Foundation
import ProcessTestSupport

/// mbed TLS' test programs `ssl_server2` and `ssl_client2`, built from source with connection
/// IDs by `Tests/Peers/build_mbedtls36.sh` and driven by `Tests/Peers/mbedtls_cid_peer.py`
/// (see the README there for its output lines and the programs' quirks).
///
/// The programs are looked for in the directory an environment variable names, or else in the
/// build script's default output directory under the package root. The driver runs under the
/// same interpreter as the other Python peers (``PythonPeer/interpreter``); it needs only the
/// standard library.
struct MbedTLSCIDPeer: Sendable {
    /// The implementation, for messages.
    let name: String
    /// The environment variable that can name the programs' directory.
    let directoryVariable: String
    /// The programs' directory below the package root when the variable is unset.
    let defaultDirectory: String
    /// The command that builds the programs, for messages.
    let buildCommand: String
    /// Whether these are mbed TLS 2.28's programs, speaking the draft CID (extension 254).
    let legacy: Bool

    /// mbed TLS 3.6: RFC 9146 connection IDs (extension 54).
    static let mbedTLS36 = MbedTLSCIDPeer(
        name: "mbed TLS 3.6 ssl_server2/ssl_client2",
        directoryVariable: "DTLS_MBEDTLS36_PROGRAMS",
        defaultDirectory: ".build-peers/mbedtls36/bin",
        buildCommand: "Tests/Peers/build_mbedtls36.sh",
        legacy: false
    )

    /// mbed TLS 2.28 built with MBEDTLS_SSL_DTLS_CONNECTION_ID: the draft-05 connection ID
    /// (extension 254), which ``DTLSCore/ConnectionIDCodePoint/mbedTLSCompatibility`` speaks.
    static let mbedTLS228 = MbedTLSCIDPeer(
        name: "mbed TLS 2.28 ssl_server2/ssl_client2 with connection IDs",
        directoryVariable: "DTLS_MBEDTLS228_CID_PROGRAMS",
        defaultDirectory: ".build-peers/mbedtls228-cid/bin",
        buildCommand: "Tests/Peers/build_mbedtls36.sh --legacy",
        legacy: true
    )

    /// The package root, found from this source file: Tests/DTLSInteropTests/Peers → root.
    private static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The driver program.
    private static let driver = packageRoot.appendingPathComponent("Tests/Peers/mbedtls_cid_peer.py")

    /// The directory holding `ssl_server2` and `ssl_client2`.
    var programs: URL {
        if let path = ProcessInfo.processInfo.environment[directoryVariable], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return Self.packageRoot.appendingPathComponent(defaultDirectory)
    }

    /// Whether both programs and an interpreter for the driver are there.
    var isInstalled: Bool {
        PythonPeer.interpreter != nil
            && ["ssl_server2", "ssl_client2"].allSatisfy {
                FileManager.default.isExecutableFile(atPath: programs.appendingPathComponent($0).path)
            }
    }

    /// Starts the driver with `arguments` (its role first); throws ``MbedTLSCIDPeerMissing``
    /// when the programs or the interpreter are missing.
    ///
    /// End the process with `terminate(within:)`, not `stop()`: killing the driver outright
    /// would leave the mbed TLS program running.
    func start(_ arguments: [String]) throws -> ChildProcess {
        guard let interpreter = PythonPeer.interpreter, isInstalled else { throw MbedTLSCIDPeerMissing(peer: self) }
        let selection = ["--programs", programs.path] + (legacy ? ["--legacy"] : [])
        // The selection goes first: arguments after "--" belong to the mbed TLS program.
        return try ChildProcess(executable: interpreter, arguments: [Self.driver.path] + selection + arguments)
    }
}

/// mbed TLS' CID test programs, or python3 to drive them, are missing.
struct MbedTLSCIDPeerMissing: Error, CustomStringConvertible {
    var peer: MbedTLSCIDPeer

    var description: String {
        "\(peer.name) cannot run: no executables in \(peer.programs.path) or no python3; run \(peer.buildCommand) "
            + "(scripts/test.sh does) or set \(peer.directoryVariable) to their directory"
    }
}
