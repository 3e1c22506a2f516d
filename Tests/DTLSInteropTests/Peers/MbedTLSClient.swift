import ProcessTestSupport

/// `mbedtls_peer.py client`: mbed TLS 2.28 as a client of our server on 127.0.0.1.
///
/// With a message it sends it once the handshake is done, prints `ECHO <text>` when it comes
/// back and exits 0 (1 after `ERROR <text>`). Without one it sends each line of its standard
/// input as a record, prints `ECHO <text>` for every datagram of application data it receives
/// and exits when its standard input ends. It prints `HANDSHAKE OK <suite>` once the handshake
/// is done.
enum MbedTLSClient {
    /// Connects to `port` with TLS_PSK_WITH_AES_128_CCM_8, authenticating with `key`, giving up
    /// after `timeout` (the handshake's, without a message).
    static func start(port: Int, key: InteropKey, message: String? = nil, timeout: Duration = .seconds(10)) throws -> ChildProcess {
        try start(port: port, message: message, timeout: timeout, ["--psk", key.hex, "--psk-identity", InteropKey.identity])
    }

    /// Connects to `port` with TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8, failing unless the server's
    /// chain leads to `pki`'s root and names localhost. With `clientCertificate` it presents
    /// `pki`'s client leaf and intermediate when asked.
    static func start(
        port: Int,
        certificatesFrom pki: PeerPKI,
        clientCertificate: Bool = false,
        message: String? = nil,
        timeout: Duration = .seconds(10)
    ) throws -> ChildProcess {
        var arguments = ["--ca", pki.path(.rootCertificate), "--server-name", PeerPKI.serverName]
        if clientCertificate { arguments += ["--cert", pki.path(.clientChain), "--key", pki.path(.clientKey)] }
        return try start(port: port, message: message, timeout: timeout, arguments)
    }

    private static func start(port: Int, message: String?, timeout: Duration, _ arguments: [String]) throws -> ChildProcess {
        try PythonPeer.mbedtls.start(PythonPeer.clientArguments(port: port, message: message, timeout: timeout) + arguments)
    }
}
