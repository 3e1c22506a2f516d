import DTLSCore
import DTLSSimulation

/// How the client of an in-memory handshake authenticates.
public enum FuzzProfile: UInt8, CaseIterable, Sendable {
    /// A pre-shared key: plain PSK or ECDHE_PSK (see ``FuzzFeatures/ecdhePSK``).
    case psk = 0
    /// ECDHE_ECDSA with raw public keys on both sides (RFC 7250), client key optional for the server.
    case rawPublicKey = 1
}

/// The configurations every target uses, built fresh for each run.
///
/// Each call makes new seeded random sources, so the same inputs always give the same hello
/// randoms, cookies and keys (ECDSA signatures are the only randomized bytes).
public enum FuzzConfigurations {
    public static let pskIdentity = Array("fuzz-client".utf8)
    public static let pskKey: [UInt8] = Array(0x40..<0x50)
    public static let pskIdentityHint = Array("fuzz-hint".utf8)
    public static let serverName = "fuzz.example"
    /// The usual MTU, and a small one that fragments every flight.
    public static let defaultMTU = 1232
    public static let smallMTU = 96
    /// The connection IDs each side asks for.
    public static let clientConnectionID: [UInt8] = [0xC1, 0xC2, 0xC3, 0xC4]
    public static let serverConnectionID: [UInt8] = [0x5E, 0x5E, 0x5E, 0x5E, 0x5E]
    /// The ticket key and clock of every server.
    public static let ticketKeyMaterial: [UInt8] = Array(0x80..<0xB0)
    public static let wallClock: UInt64 = 1_800_000_000

    /// A client of `profile` asking for `features`; `keyLog` receives its NSS key log line.
    public static func client(
        _ profile: FuzzProfile,
        features: FuzzFeatures = [],
        mtu: Int = defaultMTU,
        keyLog: (@Sendable (String) -> Void)? = nil
    ) -> DTLSConfiguration {
        var configuration = DTLSConfiguration()
        let chaCha = features.contains(.chaCha20)
        switch profile {
        case .psk:
            configuration.pskCredentials = PSKCredentials(identity: pskIdentity, key: pskKey)
            switch (features.contains(.ecdhePSK), chaCha) {
            case (true, true): configuration.cipherSuites = [.ecdhePSKWithChaCha20Poly1305SHA256]
            case (true, false): configuration.cipherSuites = [.ecdhePSKWithAES128CCM8SHA256]
            case (false, true): configuration.cipherSuites = [.pskWithChaCha20Poly1305SHA256]
            case (false, false): configuration.cipherSuites = [.pskWithAES128CCM8]
            }
        case .rawPublicKey:
            configuration.peerAuthentication = .pinnedRawPublicKeys([FixedKeys.publicKeyInfo(FixedKeys.serverSigning)])
            configuration.certificateCredentials = .rawPublicKey(FixedKeys.clientSigning)
            configuration.cipherSuites = chaCha ? [.ecdheECDSAWithChaCha20Poly1305SHA256] : [.ecdheECDSAWithAES128CCM8, .ecdheECDSAWithAES128GCMSHA256]
        }
        configuration.keyShares = FixedKeys.clientKeyShares
        if let codePoint = features.connectionIDCodePoint {
            let empty = features.isSuperset(of: [.connectionIDs, .mbedTLSConnectionIDs])
            configuration.connectionIDs = DTLSConnectionIDConfiguration(
                generator: FixedConnectionIDs(empty ? [] : clientConnectionID),
                codePoint: codePoint
            )
        }
        if features.contains(.maxFragmentLength) { configuration.maximumFragmentLength = .bytes512 }
        if features.contains(.recordSizeLimit) { configuration.recordSizeLimit = 256 }
        configuration.requestsTickets = !features.contains(.sessionIDResumption)
        configuration.serverName = serverName
        configuration.randomSource = SeededRandomSource(seed: 0xC11E)
        configuration.maximumTransmissionUnit = mtu
        configuration.keyLog = keyLog
        return configuration
    }

    /// A server that accepts every profile and feature: every suite, PSK with an identity
    /// hint, raw public keys with optional client authentication, connection IDs under
    /// `connectionIDCodePoint`, session IDs kept in `sessionCache`, and tickets.
    public static func server(
        cookies: CookieExchange,
        mtu: Int = defaultMTU,
        connectionIDCodePoint: ConnectionIDCodePoint = .rfc9146,
        sessionCache: DTLSSessionCache = DTLSSessionCache(capacity: 8)
    ) -> DTLSConfiguration {
        var configuration = DTLSConfiguration.psk(store: StaticPSKStore(identity: pskIdentity, key: pskKey))
        configuration.cipherSuites = CipherSuite.supported
        configuration.pskIdentityHint = pskIdentityHint
        configuration.certificateCredentials = .rawPublicKey(FixedKeys.serverSigning)
        configuration.peerAuthentication = .pinnedRawPublicKeys([FixedKeys.publicKeyInfo(FixedKeys.clientSigning)])
        configuration.clientAuthentication = .optional
        configuration.keyShares = FixedKeys.serverKeyShares
        configuration.connectionIDs = DTLSConnectionIDConfiguration(generator: FixedConnectionIDs(serverConnectionID), codePoint: connectionIDCodePoint)
        configuration.sessionCache = sessionCache
        let clock = wallClock
        configuration.sessionTickets = DTLSTicketKeyRing(keys: [try! DTLSTicketKeyRing.Key(material: ticketKeyMaterial)], wallClock: { clock })
        configuration.cookieExchange = cookies
        configuration.randomSource = SeededRandomSource(seed: 0x5E4E)
        configuration.maximumTransmissionUnit = mtu
        configuration.handshakeTimeout = .seconds(120)
        return configuration
    }

    /// The connection ID lengths records to and from these endpoints may carry.
    public static let connectionIDLengths = [0, clientConnectionID.count, serverConnectionID.count]
}

/// Hands out the same connection ID every time.
public struct FixedConnectionIDs: DTLSConnectionIDGenerator {
    public let id: [UInt8]

    public init(_ id: [UInt8]) {
        self.id = id
    }

    public var length: Int { id.count }

    public func makeConnectionID() -> [UInt8] { id }
}
