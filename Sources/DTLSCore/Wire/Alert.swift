import NIOCore

/// An alert's level (RFC 5246 §7.2).
public struct AlertLevel: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let warning = Self(rawValue: 1)
    public static let fatal = Self(rawValue: 2)

    public var description: String {
        switch self {
        case .warning: "warning"
        case .fatal: "fatal"
        default: "level(\(rawValue))"
        }
    }
}

/// An alert's description (RFC 5246 §7.2 and later registrations).
public struct AlertDescription: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let closeNotify = Self(rawValue: 0)
    public static let unexpectedMessage = Self(rawValue: 10)
    public static let badRecordMAC = Self(rawValue: 20)
    public static let recordOverflow = Self(rawValue: 22)
    public static let handshakeFailure = Self(rawValue: 40)
    public static let badCertificate = Self(rawValue: 42)
    public static let unsupportedCertificate = Self(rawValue: 43)
    public static let certificateRevoked = Self(rawValue: 44)
    public static let certificateExpired = Self(rawValue: 45)
    public static let certificateUnknown = Self(rawValue: 46)
    public static let illegalParameter = Self(rawValue: 47)
    public static let unknownCA = Self(rawValue: 48)
    public static let accessDenied = Self(rawValue: 49)
    public static let decodeError = Self(rawValue: 50)
    public static let decryptError = Self(rawValue: 51)
    public static let protocolVersion = Self(rawValue: 70)
    public static let insufficientSecurity = Self(rawValue: 71)
    public static let internalError = Self(rawValue: 80)
    public static let userCanceled = Self(rawValue: 90)
    public static let noRenegotiation = Self(rawValue: 100)
    public static let missingExtension = Self(rawValue: 109)
    public static let unsupportedExtension = Self(rawValue: 110)
    public static let unrecognizedName = Self(rawValue: 112)
    public static let unknownPSKIdentity = Self(rawValue: 115)

    public var description: String {
        switch self {
        case .closeNotify: "close_notify"
        case .unexpectedMessage: "unexpected_message"
        case .badRecordMAC: "bad_record_mac"
        case .recordOverflow: "record_overflow"
        case .handshakeFailure: "handshake_failure"
        case .badCertificate: "bad_certificate"
        case .unsupportedCertificate: "unsupported_certificate"
        case .certificateRevoked: "certificate_revoked"
        case .certificateExpired: "certificate_expired"
        case .certificateUnknown: "certificate_unknown"
        case .illegalParameter: "illegal_parameter"
        case .unknownCA: "unknown_ca"
        case .accessDenied: "access_denied"
        case .decodeError: "decode_error"
        case .decryptError: "decrypt_error"
        case .protocolVersion: "protocol_version"
        case .insufficientSecurity: "insufficient_security"
        case .internalError: "internal_error"
        case .userCanceled: "user_canceled"
        case .noRenegotiation: "no_renegotiation"
        case .missingExtension: "missing_extension"
        case .unsupportedExtension: "unsupported_extension"
        case .unrecognizedName: "unrecognized_name"
        case .unknownPSKIdentity: "unknown_psk_identity"
        default: "alert(\(rawValue))"
        }
    }
}

/// An alert message.
///
/// ```
/// struct {
///     AlertLevel level;
///     AlertDescription description;
/// } Alert;
/// ```
public struct Alert: Hashable, Sendable, CustomStringConvertible, WireCodable {
    public var level: AlertLevel
    public var alertDescription: AlertDescription

    public init(level: AlertLevel, description: AlertDescription) {
        self.level = level
        self.alertDescription = description
    }

    init(from reader: inout WireReader) throws(DecodeError) {
        level = AlertLevel(rawValue: try reader.readUInt8())
        alertDescription = AlertDescription(rawValue: try reader.readUInt8())
    }

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeInteger(level.rawValue)
        buffer.writeInteger(alertDescription.rawValue)
    }

    public var description: String { "\(level) \(alertDescription)" }
}
