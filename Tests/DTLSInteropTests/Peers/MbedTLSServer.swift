import ProcessTestSupport

/// `mbedtls_peer.py server`: mbed TLS 2.28 as an echo server on 127.0.0.1.
///
/// It always does the cookie exchange, and in certificate mode always sends a
/// CertificateRequest. It prints `HANDSHAKE OK <suite>` after each handshake and
/// `ERROR <text>` for each failure.
enum MbedTLSServer {
    /// Starts a server with TLS_PSK_WITH_AES_128_CCM_8 holding `key` for ``InteropKey/identity``.
    static func start(key: InteropKey) async throws -> LaunchedServer {
        try await PythonPeer.mbedtls.startServer(["--psk", key.hex, "--psk-identity", InteropKey.identity])
    }

    /// Starts a server with TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 presenting `pki`'s server leaf
    /// and intermediate. With `requireClientCertificate` it demands a client chain up to
    /// `pki`'s root; otherwise it still asks for one but accepts none.
    static func start(certificatesFrom pki: PeerPKI, requireClientCertificate: Bool = false) async throws -> LaunchedServer {
        var arguments = ["--cert", pki.path(.serverChain), "--key", pki.path(.serverKey)]
        if requireClientCertificate {
            arguments += ["--ca", pki.path(.rootCertificate), "--require-client-cert"]
        }
        return try await PythonPeer.mbedtls.startServer(arguments)
    }
}
