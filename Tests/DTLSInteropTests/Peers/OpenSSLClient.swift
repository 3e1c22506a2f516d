import ProcessTestSupport

/// `openssl s_client` as a DTLS 1.2 client of our server on 127.0.0.1.
///
/// It sends each line it reads on standard input and prints what it receives. With `-quiet` it
/// prints nothing else on standard output, and errors (alerts included) on standard error.
enum OpenSSLClient {
    /// Connects to `port` with PSK-AES128-CCM8, authenticating as `identity` with `key`, adding
    /// `options` to the command line.
    static func start(port: Int, key: InteropKey, identity: String = InteropKey.identity, options: [String] = []) throws -> ChildProcess {
        try start(port: port, [
            "-cipher", "PSK-AES128-CCM8", "-psk", key.hex, "-psk_identity", identity,
        ] + options)
    }

    /// Connects to `port` with `arguments` for the suite and credentials.
    ///
    /// With `quiet` off it also prints the session it got on standard output ("New, TLSv1.2,
    /// Cipher is …" or "Reused, …", the session parameters), and input lines starting with a
    /// command letter (`Q`, `R`, `k`, `K`) are taken as commands.
    static func start(port: Int, _ arguments: [String], quiet: Bool = true) throws -> ChildProcess {
        try ChildProcess(
            executable: PeerTool.openssl.require(),
            arguments: ["s_client", "-dtls1_2", "-connect", "127.0.0.1:\(port)"] + arguments + (quiet ? ["-quiet"] : [])
        )
    }
}
