import ProcessTestSupport
import Testing

/// `dtls client` and `dtls server` authenticating each other with raw public keys from
/// `dtls keygen`.
@Suite("dtls client with dtls server, raw public keys", .timeLimit(.minutes(1)))
struct RawPublicKeyTests {
    @Test("mutual raw public keys: the message comes back and each side names the other's key")
    func mutual() async throws {
        let directory = try TemporaryDirectory(prefix: "dtls-rpk")
        defer { directory.remove() }
        let serverKey = try await GeneratedKey.generate("server", in: directory)
        let clientKey = try await GeneratedKey.generate("client", in: directory)

        let server = try await ToolServer.start(
            ["--peer-key", clientKey.publicKey.path, "--client-auth", "required"],
            credentials: ["--rpk", "--key", serverKey.privateKey.path]
        )
        defer { server.process.stop() }

        let result = try await ChildProcess.run(
            try ToolExecutable.locate(),
            arguments: [
                "client", "127.0.0.1:\(server.port)", "--rpk", "--key", clientKey.privateKey.path,
                "--peer-key", serverKey.publicKey.path, "--message", "hi", "--timeout", "10", "--verbose",
            ],
            timeout: ToolFixture.processTimeout
        )
        #expect(result.termination == .exited(0), "stderr: \(result.standardError)")
        #expect(result.standardOutput == "hi\n")
        // --verbose describes the session: the peer's key by the fingerprint keygen printed.
        #expect(result.standardError.contains("peer raw public key \(serverKey.fingerprint)"))
        #expect(result.standardError.contains("TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8"))
        let serverLog = server.process.standardError
        #expect(await serverLog.waitUntil(contains: "peer raw public key \(clientKey.fingerprint)", timeout: .seconds(10)))
        #expect(serverLog.text.contains("client authenticated"))
    }

    @Test("a client whose key the server does not pin fails the handshake with exit 1")
    func unpinnedClient() async throws {
        let directory = try TemporaryDirectory(prefix: "dtls-rpk")
        defer { directory.remove() }
        let serverKey = try await GeneratedKey.generate("server", in: directory)
        let pinnedKey = try await GeneratedKey.generate("pinned", in: directory)
        let strangerKey = try await GeneratedKey.generate("stranger", in: directory)

        let server = try await ToolServer.start(
            ["--peer-key", pinnedKey.publicKey.path, "--client-auth", "required"],
            credentials: ["--rpk", "--key", serverKey.privateKey.path]
        )
        defer { server.process.stop() }

        let result = try await ChildProcess.run(
            try ToolExecutable.locate(),
            arguments: [
                "client", "127.0.0.1:\(server.port)", "--rpk", "--key", strangerKey.privateKey.path,
                "--peer-key", serverKey.publicKey.path, "--message", "hi", "--timeout", "10",
            ],
            timeout: ToolFixture.processTimeout
        )
        #expect(result.termination == .exited(1))
        #expect(result.standardOutput.isEmpty)
        // The server rejects an unpinned key with handshake_failure.
        #expect(result.standardError.hasPrefix("dtls: handshake failed:"), "stderr: \(result.standardError)")
        #expect(result.standardError.contains("handshake_failure"))
    }

    @Test("--cached-info: on reconnecting the server sends only its key's fingerprint; --cid and size limits are reported")
    func cachedInformationAndRecordExtensions() async throws {
        let directory = try TemporaryDirectory(prefix: "dtls-cached")
        defer { directory.remove() }
        let serverKey = try await GeneratedKey.generate("server", in: directory)
        let server = try await ToolServer.start(["--cid", "4", "--record-size-limit", "256"], credentials: ["--rpk", "--key", serverKey.privateKey.path])
        defer { server.process.stop() }

        let result = try await ChildProcess.run(
            try ToolExecutable.locate(),
            arguments: [
                "client", "127.0.0.1:\(server.port)", "--peer-key", serverKey.publicKey.path, "--message", "again",
                "--cached-info", "--cid", "0", "--record-size-limit", "512", "--timeout", "10", "--verbose",
            ],
            timeout: ToolFixture.processTimeout
        )
        #expect(result.termination == .exited(0), "stderr: \(result.standardError)")
        #expect(result.standardOutput == "again\ncached certificate: yes (the server sent only its fingerprint)\nagain\n")
        #expect(result.standardError.contains("connection IDs: receive (empty), send "))
        #expect(result.standardError.contains("record plaintext limits: send 256, receive 512"))
        #expect(result.standardError.contains("server certificate from cache (RFC 7924)"))
    }
}
