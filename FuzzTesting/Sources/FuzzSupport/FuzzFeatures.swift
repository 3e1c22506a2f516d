import DTLSCore

/// Optional protocol features a fuzzed client asks for, one bit each.
public struct FuzzFeatures: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8

    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// Connection IDs (RFC 9146). With ``mbedTLSConnectionIDs`` too: an empty client ID.
    public static let connectionIDs = FuzzFeatures(rawValue: 1 << 0)
    /// Connection IDs under mbed TLS's compatibility code point and record layout.
    public static let mbedTLSConnectionIDs = FuzzFeatures(rawValue: 1 << 1)
    /// A first full handshake, then an abbreviated one resuming it by ticket (RFC 5077).
    public static let ticketResumption = FuzzFeatures(rawValue: 1 << 2)
    /// The same by session ID (the client asks for no ticket).
    public static let sessionIDResumption = FuzzFeatures(rawValue: 1 << 3)
    /// max_fragment_length 512 (RFC 6066).
    public static let maxFragmentLength = FuzzFeatures(rawValue: 1 << 4)
    /// record_size_limit 256 (RFC 8449).
    public static let recordSizeLimit = FuzzFeatures(rawValue: 1 << 5)
    /// PSK profile: ECDHE_PSK instead of plain PSK.
    public static let ecdhePSK = FuzzFeatures(rawValue: 1 << 6)
    /// ChaCha20-Poly1305 instead of AES.
    public static let chaCha20 = FuzzFeatures(rawValue: 1 << 7)

    /// The code point connection IDs use, if any are asked for.
    public var connectionIDCodePoint: ConnectionIDCodePoint? {
        if contains(.connectionIDs) { return .rfc9146 }
        if contains(.mbedTLSConnectionIDs) { return .mbedTLSCompatibility }
        return nil
    }

    /// Whether the client resumes a first session.
    public var resumes: Bool { !isDisjoint(with: [.ticketResumption, .sessionIDResumption]) }
}
