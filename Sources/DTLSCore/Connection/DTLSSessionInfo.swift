/// What a completed handshake negotiated.
public struct DTLSSessionInfo: Sendable, Hashable {
    /// The cipher suite protecting records.
    public var cipherSuite: CipherSuite
    /// Whether the master secret is bound to the handshake transcript (RFC 7627).
    public var extendedMasterSecret: Bool
    /// The PSK identity used (sent by the client, accepted by the server).
    public var pskIdentity: [UInt8]?
    /// The `psk_identity_hint` the server sent, if any.
    public var pskIdentityHint: [UInt8]?
    /// The host name the client asked for with server_name, if any.
    public var serverName: String?
    /// The session ID the server assigned (empty: not resumable).
    public var sessionID: [UInt8]
    /// The extensions present in the ServerHello, in order.
    public var serverHelloExtensions: [ExtensionType]
    /// Who the peer proved to be with a certificate or raw public key, if it did.
    public var peerIdentity: DTLSPeerIdentity?
    /// Whether the client authenticated with a certificate or raw public key.
    public var clientAuthenticated: Bool
    /// The connection ID this endpoint receives records with, when IDs were negotiated (RFC 9146).
    public var connectionID: [UInt8]?
    /// The connection ID this endpoint puts in the records it sends.
    public var peerConnectionID: [UInt8]?
    /// The most plaintext this endpoint puts in one record, as max_fragment_length or
    /// record_size_limit settled it (2^14 when neither was negotiated).
    public var sendingRecordLimit: Int = 1 << 14
    /// The most plaintext this endpoint accepts in one record.
    public var receivingRecordLimit: Int = 1 << 14
    /// Client: the server's Certificate message from this handshake, to offer later through
    /// ``DTLSConfiguration/cachedServerCertificates`` (RFC 7924); nil when none was exchanged.
    public var serverCertificate: DTLSCachedCertificate?
    /// Client: whether the server sent only the fingerprint of its Certificate because this
    /// client offered it in cached_info.
    public var serverCertificateFromCache = false
    /// Whether this handshake resumed an earlier session (abbreviated handshake).
    public var resumed: Bool = false
    /// Client: what to pass as ``DTLSConfiguration/sessionToResume`` to resume this session
    /// later; nil when the server offered neither a session ID nor a ticket.
    public var resumableSession: DTLSResumableSession?
}
