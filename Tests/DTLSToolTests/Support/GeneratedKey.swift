import Foundation
import ProcessTestSupport

/// A key pair made with `dtls keygen`, and what it printed about it.
struct GeneratedKey {
    /// The private key file keygen wrote.
    let privateKey: URL
    /// The public key file written from keygen's output.
    let publicKey: URL
    /// The first line keygen printed: `sha256:` and the hex SHA-256 of the public key's SPKI.
    let fingerprint: String

    /// Runs `dtls keygen --out DIRECTORY/NAME.key` and writes the PEM public key it printed to
    /// DIRECTORY/NAME.pub.
    static func generate(_ name: String, in directory: TemporaryDirectory) async throws -> GeneratedKey {
        let privateKey = directory.file("\(name).key")
        let result = try await ChildProcess.run(
            try ToolExecutable.locate(),
            arguments: ["keygen", "--out", privateKey.path],
            timeout: ToolFixture.processTimeout
        )
        let output = try KeygenOutput(result)
        let publicKey = directory.file("\(name).pub")
        try output.publicKeyPEM.write(to: publicKey, atomically: true, encoding: .utf8)
        return GeneratedKey(privateKey: privateKey, publicKey: publicKey, fingerprint: output.fingerprint)
    }
}

/// What a successful `dtls keygen` prints: a fingerprint line, then the public key in PEM.
struct KeygenOutput {
    /// `sha256:` and 64 lower-case hex digits.
    let fingerprint: String
    /// The `PUBLIC KEY` PEM block, with its final line feed.
    let publicKeyPEM: String

    /// Parses `result`'s standard output; throws unless it exited 0 and printed both parts.
    init(_ result: CompletedProcess) throws {
        guard result.termination == .exited(0) else { throw UnexpectedKeygenOutput(result: result) }
        let lines = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, first.wholeMatch(of: /sha256:[0-9a-f]{64}/) != nil,
            lines.count >= 4, lines[1] == "-----BEGIN PUBLIC KEY-----",
            lines[lines.count - 2] == "-----END PUBLIC KEY-----", lines.last == ""
        else { throw UnexpectedKeygenOutput(result: result) }
        fingerprint = String(first)
        publicKeyPEM = lines[1...].joined(separator: "\n")
    }
}

/// `dtls keygen` failed or printed something other than a fingerprint and a public key.
struct UnexpectedKeygenOutput: Error, CustomStringConvertible {
    var result: CompletedProcess

    var description: String {
        "dtls keygen: \(result.termination); stdout: \(result.standardOutput.debugDescription); stderr: \(result.standardError)"
    }
}
