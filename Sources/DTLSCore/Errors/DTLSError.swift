/// An error from a DTLS connection.
///
/// Errors compare equal when their ``code`` matches; ``reason`` and the source location are
/// diagnostics. Which alert goes to the peer is decided in one place, ``alertToSend``.
public struct DTLSError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, as an extensible set of values.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Base: String, Hashable, Sendable {
            case decodeError = "malformed message"
            case illegalParameter = "illegal parameter"
            case unexpectedMessage = "unexpected message"
            case handshakeFailure = "handshake failure"
            case protocolVersion = "unsupported protocol version"
            case unsupportedExtension = "unsolicited extension"
            case insufficientSecurity = "insufficient security"
            case unknownPSKIdentity = "unknown PSK identity"
            case finishedMismatch = "Finished verification failed"
            case peerRecordsNotAuthenticated = "peer records failed authentication"
            case badSignature = "signature verification failed"
            case untrustedPeerKey = "peer key not trusted"
            case missingCertificate = "peer sent no certificate"
            case badCertificate = "bad certificate"
            case unsupportedCertificate = "unsupported certificate"
            case certificateExpired = "certificate expired"
            case unknownCA = "unknown certificate authority"
            case certificateUnknown = "certificate not accepted"
            case alertReceived = "alert received"
            case handshakeTimeout = "handshake timed out"
            case connectionClosed = "connection closed"
            case notEstablished = "handshake not complete"
            case recordTooLarge = "record too large"
            case recordOverflow = "peer record exceeds the negotiated size"
            case sequenceNumbersExhausted = "sequence numbers exhausted"
            case invalidConfiguration = "invalid configuration"
            case internalError = "internal error"
        }

        fileprivate let base: Base
        fileprivate init(_ base: Base) { self.base = base }

        /// A handshake message or alert could not be parsed.
        public static let decodeError = Code(.decodeError)
        /// A field held a value that is well-formed but not allowed.
        public static let illegalParameter = Code(.illegalParameter)
        /// A message arrived that the current handshake state does not allow.
        public static let unexpectedMessage = Code(.unexpectedMessage)
        /// The peers share no acceptable parameters (suite, compression, extensions).
        public static let handshakeFailure = Code(.handshakeFailure)
        /// The peer offered or chose a version other than DTLS 1.2.
        public static let protocolVersion = Code(.protocolVersion)
        /// The server sent an extension the client did not offer.
        public static let unsupportedExtension = Code(.unsupportedExtension)
        /// The peer does not meet a security requirement (for example extended master secret).
        public static let insufficientSecurity = Code(.insufficientSecurity)
        /// The server has no key for the PSK identity the client sent.
        public static let unknownPSKIdentity = Code(.unknownPSKIdentity)
        /// The peer's Finished did not carry the expected verify_data.
        public static let finishedMismatch = Code(.finishedMismatch)
        /// The peer's records in the new epoch did not authenticate (usually a different PSK).
        public static let peerRecordsNotAuthenticated = Code(.peerRecordsNotAuthenticated)
        /// A ServerKeyExchange or CertificateVerify signature did not verify.
        public static let badSignature = Code(.badSignature)
        /// The peer's raw public key is not among the trusted ones.
        public static let untrustedPeerKey = Code(.untrustedPeerKey)
        /// Client authentication was required and the client sent no certificate.
        public static let missingCertificate = Code(.missingCertificate)
        /// The peer's certificate is malformed, badly signed, or for another name.
        public static let badCertificate = Code(.badCertificate)
        /// The peer's certificate type, key or algorithm is outside the profile.
        public static let unsupportedCertificate = Code(.unsupportedCertificate)
        /// The peer's certificate is outside its validity period.
        public static let certificateExpired = Code(.certificateExpired)
        /// The peer's chain does not lead to a trust anchor.
        public static let unknownCA = Code(.unknownCA)
        /// The peer's certificate was refused for another reason.
        public static let certificateUnknown = Code(.certificateUnknown)
        /// The peer sent a fatal alert; ``DTLSError/peerAlert`` says which.
        public static let alertReceived = Code(.alertReceived)
        /// The peer stopped answering during the handshake.
        public static let handshakeTimeout = Code(.handshakeTimeout)
        /// The connection is closed or failed; nothing more can be sent.
        public static let connectionClosed = Code(.connectionClosed)
        /// Application data cannot be sent before the handshake completes.
        public static let notEstablished = Code(.notEstablished)
        /// The application data does not fit in one record.
        public static let recordTooLarge = Code(.recordTooLarge)
        /// The peer sent a record larger than the negotiated limit.
        public static let recordOverflow = Code(.recordOverflow)
        /// The epoch's 48-bit sequence numbers ran out; a new connection is needed.
        public static let sequenceNumbersExhausted = Code(.sequenceNumbersExhausted)
        /// The configuration cannot work (missing credentials, impossible limits).
        public static let invalidConfiguration = Code(.invalidConfiguration)
        /// A bug in this library.
        public static let internalError = Code(.internalError)

        public var description: String { base.rawValue }
    }

    /// What went wrong.
    public let code: Code
    /// A human-readable explanation.
    public let reason: String
    /// The alert the peer sent, for ``Code/alertReceived``.
    public let peerAlert: AlertDescription?
    private let location: String

    package init(_ code: Code, _ reason: String, peerAlert: AlertDescription? = nil, file: String = #fileID, line: Int = #line) {
        self.code = code
        self.reason = reason
        self.peerAlert = peerAlert
        self.location = "\(file):\(line)"
    }

    public static func == (lhs: DTLSError, rhs: DTLSError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    public var description: String {
        if let peerAlert { return "\(code): \(peerAlert) (\(reason))" }
        return "\(code): \(reason)"
    }

    /// Source location where the error was raised, for bug reports.
    public var debugLocation: String { location }

    /// The fatal alert this endpoint sends when failing with this error, if any.
    public var alertToSend: AlertDescription? { AlertMapping.alert(for: code) }
}

extension DTLSError {
    static func decode(_ error: DecodeError, file: String = #fileID, line: Int = #line) -> DTLSError {
        let code: Code = error.reason == .illegalValue ? .illegalParameter : .decodeError
        return DTLSError(code, error.description, file: file, line: line)
    }
}
