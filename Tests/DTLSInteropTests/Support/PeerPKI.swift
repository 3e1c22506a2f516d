import Foundation
import ProcessTestSupport

/// A throwaway P-256 PKI that `Tests/Peers/make_test_pki.sh` writes into a temporary directory:
/// a root CA, an intermediate CA, a server leaf for localhost and a client leaf (both issued by
/// the intermediate), their keys, chains and bare public keys.
///
/// Every test makes its own and calls ``remove()`` in a `defer`.
struct PeerPKI: Sendable {
    /// The files the script writes.
    enum File: String, Sendable {
        case rootCertificate = "ca.pem"
        case intermediateCertificate = "intermediate.pem"
        case serverCertificate = "server.pem"
        case serverChain = "server-chain.pem"
        case serverKey = "server.key"
        case serverPublicKey = "server.pub"
        case clientCertificate = "client.pem"
        case clientChain = "client-chain.pem"
        case clientKey = "client.key"
        case clientPublicKey = "client.pub"
    }

    /// The directory holding the files.
    let directory: TemporaryDirectory

    /// The script, found from this source file: Tests/DTLSInteropTests/Support → Tests/Peers.
    private static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Peers/make_test_pki.sh")

    /// Runs the script (it needs `openssl`) in a new temporary directory.
    static func make() async throws -> PeerPKI {
        _ = try PeerTool.openssl.require()
        let directory = try TemporaryDirectory(prefix: "dtls-pki")
        do {
            let result = try await ChildProcess.run(script, arguments: [directory.url.path], timeout: .seconds(30))
            guard result.termination == .exited(0) else {
                throw PKIScriptFailure(termination: result.termination, standardError: result.standardError)
            }
            return PeerPKI(directory: directory)
        } catch {
            directory.remove()
            throw error
        }
    }

    /// The path of `file`, for peers' command lines.
    func path(_ file: File) -> String {
        directory.file(file.rawValue).path
    }

    /// The contents of `file`.
    func bytes(_ file: File) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.file(file.rawValue)))
    }

    /// Deletes the PKI's files.
    func remove() {
        directory.remove()
    }
}

/// `make_test_pki.sh` failed.
struct PKIScriptFailure: Error, CustomStringConvertible {
    var termination: ChildProcess.Termination
    var standardError: String

    var description: String { "make_test_pki.sh ended with \(termination): \(standardError)" }
}
