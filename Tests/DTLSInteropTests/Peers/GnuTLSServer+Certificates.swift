extension GnuTLSServer {
    /// Starts a server with TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 presenting `pki`'s server leaf
    /// and intermediate. With `requireClientCertificate` it demands a client chain up to
    /// `pki`'s root; otherwise it asks for none.
    static func start(certificatesFrom pki: PeerPKI, requireClientCertificate: Bool = false) async throws -> GnuTLSServer {
        try await start(
            [
                "--priority", GnuTLSPriority.ecdheECDSAAES128CCM8,
                "--x509certfile", pki.path(.serverChain), "--x509keyfile", pki.path(.serverKey),
            ] + clientAuthentication(required: requireClientCertificate, trusting: ["--x509cafile", pki.path(.rootCertificate)])
        )
    }

    /// Starts a server presenting `pki`'s server key as a raw public key. With
    /// `requireClientKey` it demands a raw public key from the client (any key: gnutls-serv
    /// pins none); otherwise it asks for none.
    static func start(rawPublicKeysFrom pki: PeerPKI, requireClientKey: Bool = false) async throws -> GnuTLSServer {
        try await start(
            [
                "--priority", GnuTLSPriority.rawPublicKeys,
                "--rawpkkeyfile", pki.path(.serverKey), "--rawpkfile", pki.path(.serverPublicKey),
            ] + clientAuthentication(required: requireClientKey, trusting: [])
        )
    }

    /// `--require-client-cert` with the options that judge the client, or `-a` (ask for nothing).
    private static func clientAuthentication(required: Bool, trusting: [String]) -> [String] {
        required ? ["--require-client-cert"] + trusting : ["-a"]
    }
}
