import ProcessTestSupport

extension OpenSSLClient {
    /// Connects to `port` with ECDHE-ECDSA-AES128-CCM8, failing unless the server's chain leads
    /// to `pki`'s root and names localhost. With `clientCertificate` it presents `pki`'s client
    /// leaf and intermediate when asked. `mtu` sets its link MTU (`-mtu`);
    /// `maximumFragmentLength` (512, 1024, 2048 or 4096) makes it ask for max_fragment_length
    /// (`-maxfraglen`, RFC 6066 §4).
    static func start(
        port: Int,
        certificatesFrom pki: PeerPKI,
        clientCertificate: Bool = false,
        mtu: Int? = nil,
        maximumFragmentLength: Int? = nil
    ) throws -> ChildProcess {
        var arguments = OpenSSLCredentials.certificates(pki).clientArguments
        if clientCertificate {
            arguments += [
                "-cert", pki.path(.clientCertificate), "-cert_chain", pki.path(.intermediateCertificate),
                "-key", pki.path(.clientKey),
            ]
        }
        if let mtu { arguments += ["-mtu", "\(mtu)"] }
        if let maximumFragmentLength { arguments += ["-maxfraglen", "\(maximumFragmentLength)"] }
        return try start(port: port, arguments)
    }
}
