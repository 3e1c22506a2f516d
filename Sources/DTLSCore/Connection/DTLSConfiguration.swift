/// Everything that shapes a connection's behaviour. Value type; safe to share between connections.
public struct DTLSConfiguration: Sendable {
    /// Cipher suites offered (client) or accepted (server), most preferred first. Only those the
    /// configured credentials can serve are used: PSK suites need ``pskCredentials`` (client)
    /// or ``pskStore`` (server); ECDHE_ECDSA suites need ``peerAuthentication`` (client) or
    /// ``certificateCredentials`` (server).
    public var cipherSuites: [CipherSuite] = [.ecdheECDSAWithAES128CCM8, .ecdheECDSAWithAES128GCMSHA256, .pskWithAES128CCM8]

    /// Client: the identity and key to authenticate with.
    public var pskCredentials: PSKCredentials?
    /// Server: the identity-to-key lookup.
    public var pskStore: (any PSKStore)?
    /// Server: a `psk_identity_hint` to send in a ServerKeyExchange; nil sends no ServerKeyExchange.
    public var pskIdentityHint: [UInt8]?

    /// This endpoint's certificate chain or raw public key, for ECDHE_ECDSA suites.
    public var certificateCredentials: CertificateCredentials?
    /// Server: picks credentials by the host name the client sent in server_name (RFC 6066),
    /// for servers that answer for several names; nil from it falls back to
    /// ``certificateCredentials``. PSK tables are chosen by name through ``PSKStore``.
    public var certificateSelector: (@Sendable (_ serverName: String?) -> CertificateCredentials?)?
    /// How the peer's certificate or raw public key is judged. A client needs it for
    /// ECDHE_ECDSA suites; a server needs it to authenticate clients.
    public var peerAuthentication: PeerAuthentication?
    /// Server: whether to ask clients for a certificate (needs ``peerAuthentication``).
    public var clientAuthentication: ClientAuthenticationPolicy = .none
    /// Source of the ephemeral ECDHE keys.
    public var keyShares: any DTLSKeyShareSource = FreshKeyShares()

    /// Client: a session to resume with an abbreviated handshake (RFC 7925 §7); nil forces a
    /// full handshake.
    public var sessionToResume: DTLSResumableSession?
    /// Client: whether to ask for RFC 5077 tickets (an empty session_ticket extension).
    public var requestsTickets = true
    /// Server: where sessions are kept for resumption by session ID; nil issues no session IDs.
    public var sessionCache: DTLSSessionCache?
    /// Server: the keys tickets are sealed with; nil issues and accepts no tickets.
    public var sessionTickets: DTLSTicketKeyRing?

    /// Client: Certificate messages of servers seen before, offered by fingerprint in
    /// cached_info (RFC 7924) so a server whose certificate is unchanged sends only the hash.
    /// Fill it from ``DTLSSessionInfo/serverCertificate``.
    public var cachedServerCertificates: [DTLSCachedCertificate] = []
    /// Server: whether to answer a client's cached_info (RFC 7924) by sending only the
    /// fingerprint of the Certificate when the client already holds it.
    public var acceptsCachedCertificates = true

    /// Client: ask the server to keep records to this size (RFC 6066 §4, RFC 7925 §15).
    public var maximumFragmentLength: MaximumFragmentLength?
    /// The largest record plaintext this endpoint accepts, 64 to 16384 (RFC 8449), announced to
    /// the peer; a server answers a client's announcement with it (16384 when unset).
    public var recordSizeLimit: Int?

    /// Connection IDs (RFC 9146): a client offers one, a server accepts when the client offers.
    public var connectionIDs: DTLSConnectionIDConfiguration?

    /// Client: the DNS name of the server, sent as server_name (never an IP literal).
    public var serverName: String?

    /// Whether extended master secret (RFC 7627) is merely preferred or required.
    public var extendedMasterSecret: ExtendedMasterSecretPolicy = .preferred

    /// Flight retransmission timing (RFC 6347 §4.2.4, RFC 7925 §11).
    public var retransmission: RetransmissionPolicy = .rfc6347

    /// A limit on the whole handshake, on top of the retransmission budget; nil for none.
    /// Servers count from the first accepted ClientHello.
    public var handshakeTimeout: Duration?

    /// The largest UDP payload to send. The default, 1232, is the IPv6 minimum MTU (1280)
    /// minus the IPv6 and UDP headers, so datagrams are never fragmented by IP on any path.
    public var maximumTransmissionUnit: Int = 1232

    /// Server: the stateless cookie exchange (RFC 6347 §4.2.1). On by default.
    public var cookieExchange: CookieExchange = .enabled

    /// Source of hello randoms and cookie secrets.
    public var randomSource: any DTLSRandomSource = SystemRandomSource()

    /// Receives one NSS key log line (`CLIENT_RANDOM <random> <master secret>`) per handshake,
    /// so captures can be decrypted. Leave nil in production.
    public var keyLog: (@Sendable (String) -> Void)?

    /// Bounds on memory a peer can make this endpoint hold.
    public var limits = DTLSLimits()

    public init() {}

    /// A client configuration authenticating with a pre-shared key.
    public static func psk(identity: [UInt8], key: [UInt8]) -> DTLSConfiguration {
        var configuration = DTLSConfiguration()
        configuration.pskCredentials = PSKCredentials(identity: identity, key: key)
        return configuration
    }

    /// A server configuration looking keys up in `store`.
    public static func psk(store: any PSKStore) -> DTLSConfiguration {
        var configuration = DTLSConfiguration()
        configuration.pskStore = store
        return configuration
    }

    /// Checks the configuration for `role`, so mistakes surface before any packet is sent.
    func validate(for role: Role) throws(DTLSError) {
        guard (Self.minimumTransmissionUnit...65507).contains(maximumTransmissionUnit) else {
            throw DTLSError(
                .invalidConfiguration,
                "maximum transmission unit must be \(Self.minimumTransmissionUnit) to 65507 bytes"
            )
        }
        guard !usableSuites(for: role).isEmpty else {
            throw DTLSError(.invalidConfiguration, "no configured cipher suite has the credentials it needs")
        }
        if let recordSizeLimit, !(RecordSizeLimitExtension.minimum...(1 << 14)).contains(recordSizeLimit) {
            throw DTLSError(.invalidConfiguration, "record size limit must be 64 to 16384 bytes")
        }
        if let connectionIDs, !(0...255).contains(connectionIDs.generator.length) {
            throw DTLSError(.invalidConfiguration, "connection IDs must be 0 to 255 bytes long")
        }
        if let handshakeTimeout, handshakeTimeout <= .zero {
            throw DTLSError(.invalidConfiguration, "handshake timeout must be positive")
        }
        guard retransmission.initialTimeout > .zero, retransmission.maximumTimeout >= retransmission.initialTimeout,
            retransmission.maximumRetransmissions >= 0
        else { throw DTLSError(.invalidConfiguration, "retransmission timers must be positive and ordered") }
        if let credentials = pskCredentials,
            !(1...0xFFFF).contains(credentials.identity.count) || !(1...0xFFFF).contains(credentials.key.count)
        {
            throw DTLSError(.invalidConfiguration, "PSK identity and key must be 1 to 65535 bytes")
        }
        if case .x509(let chain) = certificateCredentials?.presentation, chain.isEmpty || chain.contains(where: \.isEmpty) {
            throw DTLSError(.invalidConfiguration, "an X.509 certificate chain needs at least one certificate")
        }
        switch role {
        case .client:
            if cachedServerCertificates.count > Self.maximumCachedServerCertificates {
                throw DTLSError(.invalidConfiguration, "at most \(Self.maximumCachedServerCertificates) cached server certificates can be offered")
            }
            if let serverName, !ServerNameRules.isValidHostName(serverName) {
                throw DTLSError(.invalidConfiguration, "server name must be a DNS host name, not \"\(serverName)\"")
            }
        case .server:
            if let hint = pskIdentityHint, hint.count > 0xFFFF {
                throw DTLSError(.invalidConfiguration, "PSK identity hint longer than 65535 bytes")
            }
            if clientAuthentication != .none && peerAuthentication == nil {
                throw DTLSError(.invalidConfiguration, "client authentication needs a peer authentication policy")
            }
        }
    }

    /// The configured suites this role has credentials for, in preference order.
    func usableSuites(for role: Role) -> [CipherSuiteParameters] {
        cipherSuites.compactMap(CipherSuiteParameters.lookup).filter { parameters in
            switch (parameters.keyExchange, role) {
            case (.psk, .client), (.ecdhePSK, .client): pskCredentials != nil
            case (.psk, .server), (.ecdhePSK, .server): pskStore != nil
            case (.ecdheECDSA, .client): peerAuthentication != nil
            case (.ecdheECDSA, .server): certificateCredentials != nil || certificateSelector != nil
            }
        }
    }

    /// Server: the credentials for a client that asked for `serverName`.
    func certificateCredentials(forServerName serverName: String?) -> CertificateCredentials? {
        certificateSelector?(serverName) ?? certificateCredentials
    }

    /// The smallest MTU that still carries a handshake fragment with payload.
    static let minimumTransmissionUnit = 64
    /// How many fingerprints a ClientHello offers at most in cached_info.
    static let maximumCachedServerCertificates = 16
}

/// Whether to insist on extended master secret (RFC 7627).
public enum ExtendedMasterSecretPolicy: Sendable, Hashable {
    /// Offer and use it when the peer does; fall back to the legacy derivation otherwise.
    case preferred
    /// Abort with `handshake_failure` when the peer does not support it.
    case required
}

/// Whether a server makes clients prove their address with a cookie first.
public enum CookieExchange: Sendable, Hashable {
    /// Answer every new ClientHello without a valid cookie with a HelloVerifyRequest.
    case enabled
    /// The same, except for a ClientHello that resumes a session this server would resume (a
    /// valid ticket or a cached session ID, the session's suite offered and its extended master
    /// secret setting kept): it is answered at once, saving the client a round trip, as RFC 6347
    /// §4.2.1 allows. The abbreviated flight is about the size of such a hello, so little
    /// amplification is possible, and only with a session ID or ticket seen on the wire.
    case enabledExceptResumption
    /// Proceed with the first ClientHello (only where amplification is no concern).
    case disabled
}

/// Flight retransmission timing (RFC 6347 §4.2.4.1).
///
/// The timer starts at ``initialTimeout``, doubles on each retransmission up to
/// ``maximumTimeout``, and the handshake fails when it expires after
/// ``maximumRetransmissions`` retransmissions.
public struct RetransmissionPolicy: Sendable, Hashable {
    public var initialTimeout: Duration
    public var maximumTimeout: Duration
    public var maximumRetransmissions: Int

    public init(initialTimeout: Duration, maximumTimeout: Duration = .seconds(60), maximumRetransmissions: Int) {
        self.initialTimeout = initialTimeout
        self.maximumTimeout = maximumTimeout
        self.maximumRetransmissions = maximumRetransmissions
    }

    /// RFC 6347's values: 1 s, doubling to 60 s; gives up after 5 retransmissions (63 s).
    public static let rfc6347 = RetransmissionPolicy(initialTimeout: .seconds(1), maximumRetransmissions: 5)
    /// RFC 7925 §11's values for constrained networks: 9 s, doubling; gives up after 2 retransmissions (63 s).
    public static let rfc7925 = RetransmissionPolicy(initialTimeout: .seconds(9), maximumRetransmissions: 2)
}

/// Bounds on what a peer can make an endpoint buffer.
public struct DTLSLimits: Sendable, Hashable {
    /// The largest handshake message accepted.
    public var maximumHandshakeMessageLength = 16 * 1024
    /// Bytes of incomplete handshake messages buffered at once.
    public var maximumReassemblyBytes = 32 * 1024
    /// How far ahead of the next expected message_seq fragments are kept.
    public var maximumMessagesAhead = 8
    /// Records of the next epoch held until its keys are installed.
    public var maximumBufferedFutureRecords = 8
    /// Application records held between key installation and handshake completion.
    public var maximumEarlyApplicationRecords = 8
    /// HelloVerifyRequests a client answers in one handshake.
    public var maximumHelloVerifyRequests = 4

    public init() {}
}

/// Syntax checks on host names for server_name (RFC 6066 §3).
enum ServerNameRules {
    static func isValidHostName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (1...253).contains(bytes.count), bytes.last != UInt8(ascii: ".") else { return false }
        // An IP literal is not a host name (RFC 6066 §3).
        if bytes.allSatisfy({ $0 == UInt8(ascii: ".") || ($0 >= 0x30 && $0 <= 0x39) }) || bytes.contains(UInt8(ascii: ":")) {
            return false
        }
        // Each label is 1 to 63 letters, digits or hyphens (RFC 1035 §2.3.4, RFC 1123 §2.1).
        let labels = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return labels.allSatisfy { label in
            (1...63).contains(label.count)
                && label.allSatisfy { byte in
                    (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
                        || byte == UInt8(ascii: "-")
                }
        }
    }
}
