import ProcessTestSupport

extension GnuTLSClient {
    /// Connects to our server on 127.0.0.1:`port` with TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8,
    /// failing unless the server's chain leads to `pki`'s root and names localhost. With
    /// `clientCertificate` it presents `pki`'s client leaf and intermediate when asked. `mtu`
    /// sets its DTLS MTU (`--mtu`). `recordSize` (512 to 4096) makes it announce that limit
    /// with record_size_limit (RFC 8449), and with max_fragment_length too when it is a power
    /// of two (`--recordsize`).
    static func start(
        port: Int,
        certificatesFrom pki: PeerPKI,
        clientCertificate: Bool = false,
        mtu: Int? = nil,
        recordSize: Int? = nil
    ) throws -> ChildProcess {
        var arguments = [
            "--priority", GnuTLSPriority.ecdheECDSAAES128CCM8, "--x509cafile", pki.path(.rootCertificate),
            "--verify-hostname", PeerPKI.serverName,
        ]
        if clientCertificate {
            arguments += ["--x509certfile", pki.path(.clientChain), "--x509keyfile", pki.path(.clientKey)]
        }
        if let mtu { arguments += ["--mtu", "\(mtu)"] }
        if let recordSize { arguments += ["--recordsize", "\(recordSize)"] }
        return try start(port: port, arguments)
    }

    /// Connects to our server on 127.0.0.1:`port` with raw public keys. It cannot pin the
    /// server's key, so it accepts any (`--insecure`). With `clientKey` it presents `pki`'s
    /// client key when asked.
    static func start(port: Int, rawPublicKeysFrom pki: PeerPKI, clientKey: Bool = false) throws -> ChildProcess {
        var arguments = ["--priority", GnuTLSPriority.rawPublicKeys, "--insecure"]
        if clientKey {
            arguments += ["--rawpkkeyfile", pki.path(.clientKey), "--rawpkfile", pki.path(.clientPublicKey)]
        }
        return try start(port: port, arguments)
    }
}
