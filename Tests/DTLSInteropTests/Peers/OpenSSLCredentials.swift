import ProcessTestSupport

/// The suite and credential options of `openssl s_server` and `s_client`.
enum OpenSSLCredentials: Sendable {
    /// A pre-shared key (identity ``InteropKey/identity``) for the OpenSSL cipher `cipher`,
    /// such as `PSK-AES128-CCM8` or `ECDHE-PSK-CHACHA20-POLY1305`.
    case psk(InteropKey, cipher: String)
    /// ECDHE-ECDSA-AES128-CCM8: the server presents `pki`'s server leaf and intermediate, the
    /// client accepts only a chain up to `pki`'s root that names localhost.
    case certificates(PeerPKI)

    /// The options for `s_server`.
    var serverArguments: [String] {
        switch self {
        case .psk(let key, let cipher):
            ["-cipher", cipher, "-nocert", "-psk", key.hex, "-psk_identity", InteropKey.identity]
        case .certificates(let pki):
            [
                "-cipher", "ECDHE-ECDSA-AES128-CCM8", "-cert", pki.path(.serverCertificate),
                "-cert_chain", pki.path(.intermediateCertificate), "-key", pki.path(.serverKey),
            ]
        }
    }

    /// The options for `s_client`.
    var clientArguments: [String] {
        switch self {
        case .psk(let key, let cipher):
            ["-cipher", cipher, "-psk", key.hex, "-psk_identity", InteropKey.identity]
        case .certificates(let pki):
            [
                "-cipher", "ECDHE-ECDSA-AES128-CCM8", "-CAfile", pki.path(.rootCertificate), "-verify_return_error",
                "-verify_hostname", PeerPKI.serverName,
            ]
        }
    }
}

extension OpenSSLServer {
    /// Starts a server authenticating with `credentials` that serves one connection.
    static func start(_ credentials: OpenSSLCredentials) async throws -> LaunchedServer {
        try await start(credentials.serverArguments)
    }
}

extension OpenSSLClient {
    /// Connects to `port` with `credentials`; it prints only what it receives (`-quiet`).
    static func start(port: Int, _ credentials: OpenSSLCredentials) throws -> ChildProcess {
        try start(port: port, credentials.clientArguments)
    }
}
