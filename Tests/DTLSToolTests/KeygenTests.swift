import Foundation
import ProcessTestSupport
import Testing

/// `dtls keygen --out FILE`: a new P-256 key in a private file, its fingerprint and public key
/// on stdout.
@Suite("dtls keygen", .timeLimit(.minutes(1)))
struct KeygenTests {
    @Test("writes an owner-only PKCS #8 key and prints the fingerprint and the public key")
    func createsKey() async throws {
        let directory = try TemporaryDirectory(prefix: "dtls-keygen")
        defer { directory.remove() }
        let keyFile = directory.file("device.key")

        let result = try await ChildProcess.run(
            try ToolExecutable.locate(),
            arguments: ["keygen", "--out", keyFile.path],
            timeout: ToolFixture.processTimeout
        )
        let output = try KeygenOutput(result)
        #expect(output.fingerprint.count == "sha256:".count + 64)
        #expect(result.standardError.isEmpty)

        let attributes = try FileManager.default.attributesOfItem(atPath: keyFile.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let key = try String(contentsOf: keyFile, encoding: .utf8)
        #expect(key.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        #expect(key.hasSuffix("-----END PRIVATE KEY-----\n"))
    }

    @Test("each run makes a different key")
    func freshKeys() async throws {
        let directory = try TemporaryDirectory(prefix: "dtls-keygen")
        defer { directory.remove() }

        let first = try await GeneratedKey.generate("first", in: directory)
        let second = try await GeneratedKey.generate("second", in: directory)
        #expect(first.fingerprint != second.fingerprint)
        #expect(try Data(contentsOf: first.privateKey) != Data(contentsOf: second.privateKey))
    }

    @Test("refuses to overwrite an existing file: exit 2, one line on stderr, file untouched")
    func refusesExistingFile() async throws {
        let directory = try TemporaryDirectory(prefix: "dtls-keygen")
        defer { directory.remove() }
        let keyFile = directory.file("existing.key")
        let original = "not a key, but mine\n"
        try original.write(to: keyFile, atomically: true, encoding: .utf8)

        let result = try await ChildProcess.run(
            try ToolExecutable.locate(),
            arguments: ["keygen", "--out", keyFile.path],
            timeout: ToolFixture.processTimeout
        )
        #expect(result.termination == .exited(2))
        #expect(result.standardOutput.isEmpty)
        let lines = result.standardError.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2 && lines[1].isEmpty, "stderr: \(result.standardError.debugDescription)")
        #expect(result.standardError.contains(keyFile.lastPathComponent))
        #expect(try String(contentsOf: keyFile, encoding: .utf8) == original)
    }
}
