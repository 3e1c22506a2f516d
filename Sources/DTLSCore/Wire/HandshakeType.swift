/// A handshake message type (RFC 5246 §7.4, RFC 6347 §4.3.2).
public struct HandshakeType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let helloRequest = Self(rawValue: 0)
    public static let clientHello = Self(rawValue: 1)
    public static let serverHello = Self(rawValue: 2)
    public static let helloVerifyRequest = Self(rawValue: 3)
    public static let newSessionTicket = Self(rawValue: 4)
    public static let certificate = Self(rawValue: 11)
    public static let serverKeyExchange = Self(rawValue: 12)
    public static let certificateRequest = Self(rawValue: 13)
    public static let serverHelloDone = Self(rawValue: 14)
    public static let certificateVerify = Self(rawValue: 15)
    public static let clientKeyExchange = Self(rawValue: 16)
    public static let finished = Self(rawValue: 20)

    public var description: String {
        switch self {
        case .helloRequest: "HelloRequest"
        case .clientHello: "ClientHello"
        case .serverHello: "ServerHello"
        case .helloVerifyRequest: "HelloVerifyRequest"
        case .newSessionTicket: "NewSessionTicket"
        case .certificate: "Certificate"
        case .serverKeyExchange: "ServerKeyExchange"
        case .certificateRequest: "CertificateRequest"
        case .serverHelloDone: "ServerHelloDone"
        case .certificateVerify: "CertificateVerify"
        case .clientKeyExchange: "ClientKeyExchange"
        case .finished: "Finished"
        default: "handshake_type(\(rawValue))"
        }
    }
}
