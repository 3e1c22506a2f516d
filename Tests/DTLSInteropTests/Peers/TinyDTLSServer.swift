import ProcessTestSupport

/// `tinydtls_peer.py server`: tinydtls 0.8.6 as an echo server on 127.0.0.1.
///
/// It always does the cookie exchange and insists on the extended master secret and
/// renegotiation_info. It prints `HANDSHAKE OK <suite>` after each handshake and
/// `ERROR <text>` for each failure.
enum TinyDTLSServer {
    /// Starts a server with TLS_PSK_WITH_AES_128_CCM_8 holding `key` for ``InteropKey/identity``.
    static func start(key: InteropKey) async throws -> LaunchedServer {
        try await PythonPeer.tinydtls.startServer(["--psk", key.hex, "--psk-identity", InteropKey.identity])
    }

    /// Starts a server with TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 presenting `pki`'s server key as a
    /// raw public key. With `requireClientKey` it demands the client's key and accepts only
    /// `pki`'s client key.
    static func start(rawPublicKeysFrom pki: PeerPKI, requireClientKey: Bool = false) async throws -> LaunchedServer {
        var arguments = ["--ecdsa-key", pki.path(.serverKey)]
        if requireClientKey { arguments += ["--peer-key", pki.path(.clientPublicKey)] }
        return try await PythonPeer.tinydtls.startServer(arguments)
    }
}
