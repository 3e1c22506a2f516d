/// A record's content type (RFC 6347 §4.1, RFC 9146 §4).
public struct ContentType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let changeCipherSpec = Self(rawValue: 20)
    public static let alert = Self(rawValue: 21)
    public static let handshake = Self(rawValue: 22)
    public static let applicationData = Self(rawValue: 23)
    public static let heartbeat = Self(rawValue: 24)
    /// `tls12_cid`: a record carrying a connection ID (RFC 9146).
    public static let connectionID = Self(rawValue: 25)

    public var description: String {
        switch self {
        case .changeCipherSpec: "change_cipher_spec"
        case .alert: "alert"
        case .handshake: "handshake"
        case .applicationData: "application_data"
        case .heartbeat: "heartbeat"
        case .connectionID: "tls12_cid"
        default: "content_type(\(rawValue))"
        }
    }
}
