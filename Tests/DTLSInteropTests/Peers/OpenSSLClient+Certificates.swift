import ProcessTestSupport

extension OpenSSLClient {
    /// Connects to `port` with ECDHE-ECDSA-AES128-CCM8, failing unless the server's chain leads
    /// to `pki`'s root and names localhost. With `clientCertificate` it presents `pki`'s client
    /// leaf and intermediate when asked. `mtu` sets its link MTU (`-mtu`).
    static func start(
        port: Int,
        certificatesFrom pki: PeerPKI,
        clientCertificate: Bool = false,
        mtu: Int? = nil
    ) throws -> ChildProcess {
        var arguments = [
            "-cipher", "ECDHE-ECDSA-AES128-CCM8", "-CAfile", pki.path(.rootCertificate), "-verify_return_error",
            "-verify_hostname", PeerPKI.serverName,
        ]
        if clientCertificate {
            arguments += [
                "-cert", pki.path(.clientCertificate), "-cert_chain", pki.path(.intermediateCertificate),
                "-key", pki.path(.clientKey),
            ]
        }
        if let mtu { arguments += ["-mtu", "\(mtu)"] }
        return try start(port: port, arguments)
    }
}
