import ProcessTestSupport

/// `gnutls-cli --udp` as a DTLS 1.2 client of our server on 127.0.0.1.
///
/// It sends each line it reads on standard input and prints what it receives, after its own
/// progress lines ("- Handshake was completed", "*** Received alert [20]: Bad record MAC").
/// It closes the connection and exits when its standard input ends.
enum GnuTLSClient {
    /// Connects to `port` with TLS_PSK_WITH_AES_128_CCM_8 (or the PSK suites `priority`
    /// allows), authenticating as `identity` with `key`.
    static func start(
        port: Int,
        key: InteropKey,
        identity: String = InteropKey.identity,
        priority: String = GnuTLSPriority.pskAES128CCM8
    ) throws -> ChildProcess {
        try start(port: port, [
            "--priority", priority, "--pskusername", identity, "--pskkey", key.hex,
        ])
    }

    /// Connects to `port` with `arguments` for the suite and credentials.
    static func start(port: Int, _ arguments: [String]) throws -> ChildProcess {
        try ChildProcess(
            executable: PeerTool.gnutlsClient.require(),
            arguments: ["--udp", "-p", "\(port)"] + arguments + ["127.0.0.1"]
        )
    }
}
