/// A hello extension code point (IANA TLS ExtensionType Values registry).
public struct ExtensionType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let serverName = Self(rawValue: 0)
    public static let maxFragmentLength = Self(rawValue: 1)
    public static let supportedGroups = Self(rawValue: 10)
    public static let ecPointFormats = Self(rawValue: 11)
    public static let signatureAlgorithms = Self(rawValue: 13)
    public static let clientCertificateType = Self(rawValue: 19)
    public static let serverCertificateType = Self(rawValue: 20)
    public static let encryptThenMAC = Self(rawValue: 22)
    public static let extendedMasterSecret = Self(rawValue: 23)
    public static let cachedInfo = Self(rawValue: 25)
    public static let recordSizeLimit = Self(rawValue: 28)
    public static let sessionTicket = Self(rawValue: 35)
    public static let connectionID = Self(rawValue: 54)
    public static let renegotiationInfo = Self(rawValue: 0xFF01)

    public var description: String {
        switch self {
        case .serverName: "server_name"
        case .maxFragmentLength: "max_fragment_length"
        case .supportedGroups: "supported_groups"
        case .ecPointFormats: "ec_point_formats"
        case .signatureAlgorithms: "signature_algorithms"
        case .clientCertificateType: "client_certificate_type"
        case .serverCertificateType: "server_certificate_type"
        case .encryptThenMAC: "encrypt_then_mac"
        case .extendedMasterSecret: "extended_master_secret"
        case .cachedInfo: "cached_info"
        case .recordSizeLimit: "record_size_limit"
        case .sessionTicket: "session_ticket"
        case .connectionID: "connection_id"
        case .renegotiationInfo: "renegotiation_info"
        default: "extension(\(rawValue))"
        }
    }
}
