import ProcessTestSupport

/// `openssl s_client` as a DTLS 1.2 client of our server on 127.0.0.1.
///
/// It sends each line it reads on standard input and prints what it receives. With `-quiet` it
/// prints nothing else on standard output, and errors (alerts included) on standard error.
enum OpenSSLClient {
    /// Connects to `port` with PSK-AES128-CCM8, authenticating as `identity` with `key`.
    static func start(port: Int, key: InteropKey, identity: String = InteropKey.identity) throws -> ChildProcess {
        try start(port: port, [
            "-cipher", "PSK-AES128-CCM8", "-psk", key.hex, "-psk_identity", identity,
        ])
    }

    /// Connects to `port` with `arguments` for the suite and credentials.
    static func start(port: Int, _ arguments: [String]) throws -> ChildProcess {
        try ChildProcess(
            executable: PeerTool.openssl.require(),
            arguments: ["s_client", "-dtls1_2", "-connect", "127.0.0.1:\(port)"] + arguments + ["-quiet"]
        )
    }
}
