/// A protocol version as it appears on the wire (DTLS versions count downwards).
public struct ProtocolVersion: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// DTLS 1.0, `FE FF`: only seen in the record header of a first ClientHello and in HelloVerifyRequest.
    public static let dtls10 = Self(rawValue: 0xFEFF)
    /// DTLS 1.2, `FE FD`: the only version this library negotiates (RFC 7925 §18).
    public static let dtls12 = Self(rawValue: 0xFEFD)

    public var description: String {
        switch self {
        case .dtls10: "DTLS 1.0"
        case .dtls12: "DTLS 1.2"
        default: "version(0x\(String(rawValue, radix: 16)))"
        }
    }
}
