/// The one table from error codes to the alert sent to the peer.
///
/// State machines raise ``DTLSError`` values; only this table picks alerts. Codes that map to
/// nil end the connection without an alert (the peer already knows, or cannot be reached).
enum AlertMapping {
    static func alert(for code: DTLSError.Code) -> AlertDescription? {
        switch code {
        case .decodeError: .decodeError
        case .illegalParameter: .illegalParameter
        case .unexpectedMessage: .unexpectedMessage
        case .handshakeFailure: .handshakeFailure
        case .protocolVersion: .protocolVersion
        case .unsupportedExtension: .unsupportedExtension
        case .insufficientSecurity: .insufficientSecurity
        // RFC 7925 §6: an unknown identity is reported as decrypt_error, not unknown_psk_identity.
        case .unknownPSKIdentity: .decryptError
        case .finishedMismatch: .decryptError
        case .peerRecordsNotAuthenticated: .badRecordMAC
        case .badSignature: .decryptError
        // RFC 7925 §6 forbids certificate alerts with raw public keys; neither RFC names one
        // for a key that is not pinned, so the generic failure is used.
        case .untrustedPeerKey: .handshakeFailure
        case .missingCertificate: .handshakeFailure
        case .badCertificate: .badCertificate
        // RFC 7250 §4: no certificate type in common.
        case .unsupportedCertificate: .unsupportedCertificate
        case .certificateExpired: .certificateExpired
        case .unknownCA: .unknownCA
        case .certificateUnknown: .certificateUnknown
        case .recordOverflow: .recordOverflow
        case .internalError: .internalError
        default: nil
        }
    }
}
