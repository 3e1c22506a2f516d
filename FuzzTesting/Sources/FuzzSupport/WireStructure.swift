import DTLSCore

/// The structures `FuzzHandshakeMessages` decodes; an input's first byte (modulo the count)
/// picks one and the rest is its encoding.
public enum WireStructure: UInt8, CaseIterable, Sendable {
    // Handshake message bodies.
    case clientHello
    case serverHello
    case helloVerifyRequest
    case x509Certificate
    case rawPublicKeyCertificate
    case certificateRequest
    case certificateVerify
    case serverECDHParameters
    case ecdheServerKeyExchange
    case ecdheClientKeyExchange
    case pskServerKeyExchange
    case pskClientKeyExchange
    case ecdhePSKServerKeyExchange
    case ecdhePSKClientKeyExchange
    case newSessionTicket
    case finished
    case serverHelloDone
    case helloRequest
    // Hello extensions: the block, then each body.
    case helloExtensions
    case serverName
    case serverNameAcknowledgement
    case supportedGroups
    case ecPointFormats
    case signatureAlgorithms
    case extendedMasterSecret
    case renegotiationInfo
    case clientCertificateTypes
    case serverCertificateTypes
    case clientCertificateTypeSelection
    case serverCertificateTypeSelection
    case connectionID
    case maxFragmentLength
    case recordSizeLimit
    case sessionTicket
    // Framing and small records.
    case handshakeHeader
    case handshakeFragments
    case recordHeader
    case alert
    case changeCipherSpec
    // Key material from the peer.
    case ecdhePoint
    case subjectPublicKeyInfo
    case ecdsaSignature
    // The plaintext of a session ticket (reached only with the ticket key).
    case ticketState
    // cached_info (RFC 7924), added last so earlier selectors keep their meaning.
    case cachedInformationOffer
    case cachedInformationAcceptance
    case cachedCertificate

    /// The structure an input's first byte selects.
    public init(selector: UInt8) {
        self = Self.allCases[Int(selector) % Self.allCases.count]
    }

    /// The structure a handshake message of `type` has in a handshake of `profile` with
    /// `features`, for seeds taken from real handshakes. Certificates are raw public keys.
    public static func forMessage(_ type: HandshakeType, profile: FuzzProfile, features: FuzzFeatures) -> WireStructure? {
        let psk = profile == .psk && !features.contains(.ecdhePSK)
        let ecdhePSK = profile == .psk && features.contains(.ecdhePSK)
        return switch type {
        case .clientHello: .clientHello
        case .serverHello: .serverHello
        case .helloVerifyRequest: .helloVerifyRequest
        case .certificate: .rawPublicKeyCertificate
        case .certificateRequest: .certificateRequest
        case .certificateVerify: .certificateVerify
        case .serverKeyExchange: psk ? .pskServerKeyExchange : ecdhePSK ? .ecdhePSKServerKeyExchange : .ecdheServerKeyExchange
        case .clientKeyExchange: psk ? .pskClientKeyExchange : ecdhePSK ? .ecdhePSKClientKeyExchange : .ecdheClientKeyExchange
        case .newSessionTicket: .newSessionTicket
        case .finished: .finished
        case .serverHelloDone: .serverHelloDone
        case .helloRequest: .helloRequest
        default: nil
        }
    }

    /// The structure of a hello extension body of `type`, as a client (`fromClient`) or a server sends it.
    public static func forExtension(_ type: ExtensionType, fromClient: Bool) -> WireStructure? {
        switch type {
        case .serverName: fromClient ? .serverName : .serverNameAcknowledgement
        case .supportedGroups: .supportedGroups
        case .ecPointFormats: .ecPointFormats
        case .signatureAlgorithms: .signatureAlgorithms
        case .extendedMasterSecret: .extendedMasterSecret
        case .renegotiationInfo: .renegotiationInfo
        case .clientCertificateType: fromClient ? .clientCertificateTypes : .clientCertificateTypeSelection
        case .serverCertificateType: fromClient ? .serverCertificateTypes : .serverCertificateTypeSelection
        case .connectionID, ExtensionType(rawValue: 254): .connectionID
        case .maxFragmentLength: .maxFragmentLength
        case .recordSizeLimit: .recordSizeLimit
        case .sessionTicket: .sessionTicket
        case .cachedInfo: fromClient ? .cachedInformationOffer : .cachedInformationAcceptance
        default: nil
        }
    }
}
