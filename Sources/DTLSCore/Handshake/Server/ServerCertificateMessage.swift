/// The server's Certificate for an ECDHE_ECDSA handshake: in full or, when the client's
/// cached_info shows it holds the same message, as its fingerprint (RFC 7924 §4.1).
struct ServerCertificateMessage {
    /// What goes on the wire.
    let wireForm: any WireEncodable
    /// Whether the client offered this exact message's fingerprint, so only that is sent.
    let clientHoldsIt: Bool

    /// Nil for suites without a server Certificate.
    init?(
        suite: CipherSuiteParameters,
        credentials: CertificateCredentials?,
        type: CertificateType,
        offered: HelloExtensions,
        configuration: DTLSConfiguration
    ) throws(DTLSError) {
        guard suite.keyExchange == .ecdheECDSA, let credentials else { return nil }
        let full = CertificateBody.own(credentials, type: type)
        guard configuration.acceptsCachedCertificates, let offer = try decode(offered, CachedInformationOffer.self) else {
            wireForm = full
            clientHoldsIt = false
            return
        }
        // A stale fingerprint means the message goes in full and the type is not echoed (§4).
        let fingerprint = DTLSCachedCertificate.fingerprint(of: Array(buffer: full.encoded))
        clientHoldsIt = offer.objects.contains { $0.type == CachedInformationType.certificate && $0.fingerprint == fingerprint }
        wireForm = clientHoldsIt ? CachedCertificateMessage(fingerprint: fingerprint) : full
    }
}
