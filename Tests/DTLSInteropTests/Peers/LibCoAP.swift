import DTLSCore
import Foundation
import ProcessTestSupport
import Testing

/// libcoap 4.3's example programs (Debian package libcoap3-bin), one per DTLS library.
///
/// `-k` takes the pre-shared key as text, so the tests use ``InteropKey/printable``.
enum LibCoAP: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case openssl
    case gnutls

    var testDescription: String { rawValue }

    var client: PeerTool { PeerTool(name: "coap-client-\(rawValue)", package: "libcoap3-bin") }
    var server: PeerTool { PeerTool(name: "coap-server-\(rawValue)", package: "libcoap3-bin") }

    /// `coap-server` on 127.0.0.1 with `key` for any identity. It listens for coaps on its
    /// port + 1 (and plain CoAP, TCP and TLS on others); the returned port is the coaps one.
    /// Among its resources, `/` answers GET with a text naming libcoap.
    func startServer(key: InteropKey) async throws -> LaunchedServer {
        try await startServer(credentials: ["-k", key.text])
    }

    /// `coap-server` presenting the raw public key in `keyFile` (see ``rawPublicKeyFile(in:role:)``);
    /// only the GnuTLS build supports raw public keys.
    func startServer(rawPublicKeyFile keyFile: String) async throws -> LaunchedServer {
        try await startServer(credentials: ["-M", keyFile])
    }

    private func startServer(credentials: [String]) async throws -> LaunchedServer {
        let program = try server.require()
        return try await ServerLauncher.start(
            launch: { port in
                try ChildProcess(executable: program, arguments: ["-A", "127.0.0.1", "-p", "\(port - 1)", "-v", "7"] + credentials)
            },
            readiness: { process, port in
                let output = process.standardOutput.text + process.standardError.text
                if output.contains("created DTLS endpoint 127.0.0.1:\(port)") { return .ready }
                return output.contains("cannot create") ? .failed : .starting
            }
        )
    }

    /// `coap-client` sending one GET for `path` to our server on `port`, authenticating as
    /// `identity` with `key`. It prints the response's payload and exits 0, or exits non-zero
    /// when no response came within 10 seconds.
    func get(_ path: String, port: Int, key: InteropKey, identity: String = InteropKey.identity) throws -> ChildProcess {
        try get(path, port: port, credentials: ["-k", key.text, "-u", identity])
    }

    /// The same, authenticating with the raw public key in `keyFile` (GnuTLS build only).
    func get(_ path: String, port: Int, rawPublicKeyFile keyFile: String) throws -> ChildProcess {
        try get(path, port: port, credentials: ["-M", keyFile])
    }

    private func get(_ path: String, port: Int, credentials: [String]) throws -> ChildProcess {
        try ChildProcess(
            executable: client.require(),
            arguments: ["-m", "get", "-B", "10"] + credentials + ["coaps://127.0.0.1:\(port)/\(path)"]
        )
    }

    /// Writes the file libcoap's `-M` takes for `role`'s key in `pki`: the PUBLIC KEY and the
    /// PRIVATE KEY blocks in one PEM file. Returns its path.
    static func rawPublicKeyFile(in pki: PeerPKI, role: Role) throws -> String {
        let (publicKey, privateKey): (PeerPKI.File, PeerPKI.File) =
            role == .server ? (.serverPublicKey, .serverKey) : (.clientPublicKey, .clientKey)
        let file = pki.directory.file("\(role)-rpk.pem")
        try Data(try pki.bytes(publicKey) + pki.bytes(privateKey)).write(to: file)
        return file.path
    }
}
