import ProcessTestSupport

/// `gnutls-cli` as a DTLS 1.2 PSK client.
///
/// It sends each line it reads on standard input and prints what it receives, after its own
/// progress lines ("- Handshake was completed", "*** Received alert [20]: Bad record MAC").
/// It closes the connection and exits when its standard input ends.
enum GnuTLSClient {
    /// Connects to our server on 127.0.0.1:`port`, authenticating as `identity` with `key`.
    static func start(port: Int, key: InteropKey, identity: String = InteropKey.identity) throws -> ChildProcess {
        try ChildProcess(
            executable: PeerTool.gnutlsClient.require(),
            arguments: [
                "--udp", "-p", "\(port)", "--priority", GnuTLSPriority.pskAES128CCM8,
                "--pskusername", identity, "--pskkey", key.hex, "127.0.0.1",
            ]
        )
    }
}
