import ProcessTestSupport

extension OpenSSLServer {
    /// Starts a server with ECDHE-ECDSA-AES128-CCM8 presenting `pki`'s server leaf and
    /// intermediate. With `requireClientCertificate` it demands a client chain up to `pki`'s
    /// root and fails the handshake without one. `mtu` sets its link MTU (`-mtu`).
    static func start(
        certificatesFrom pki: PeerPKI,
        requireClientCertificate: Bool = false,
        mtu: Int? = nil
    ) async throws -> LaunchedServer {
        var arguments = OpenSSLCredentials.certificates(pki).serverArguments
        if requireClientCertificate {
            arguments += ["-Verify", "2", "-CAfile", pki.path(.rootCertificate), "-verify_return_error"]
        }
        if let mtu { arguments += ["-mtu", "\(mtu)"] }
        return try await start(arguments)
    }
}
