import Testing

@testable import DTLSCore

@Suite("Error codes to alerts")
struct AlertMappingTests {
    /// Every error code and the alert it must send, if any.
    static let table: [(DTLSError.Code, AlertDescription?)] = [
        (.decodeError, .decodeError),
        (.illegalParameter, .illegalParameter),
        (.unexpectedMessage, .unexpectedMessage),
        (.handshakeFailure, .handshakeFailure),
        (.protocolVersion, .protocolVersion),
        (.unsupportedExtension, .unsupportedExtension),
        (.insufficientSecurity, .insufficientSecurity),
        (.unknownPSKIdentity, .decryptError),
        (.finishedMismatch, .decryptError),
        (.peerRecordsNotAuthenticated, .badRecordMAC),
        (.internalError, .internalError),
        (.alertReceived, nil),
        (.handshakeTimeout, nil),
        (.connectionClosed, nil),
        (.notEstablished, nil),
        (.recordTooLarge, nil),
        (.sequenceNumbersExhausted, nil),
        (.invalidConfiguration, nil),
    ]

    @Test("each code maps to its alert", arguments: table)
    func mapping(code: DTLSError.Code, alert: AlertDescription?) {
        #expect(AlertMapping.alert(for: code) == alert)
        #expect(DTLSError(code, "test").alertToSend == alert)
    }

    @Test("an unknown PSK identity is reported as decrypt_error (51), not unknown_psk_identity (RFC 7925 §6)")
    func unknownIdentity() {
        #expect(AlertMapping.alert(for: .unknownPSKIdentity)?.rawValue == 51)
    }

    @Test("no code sends decryption_failed (21), no_certificate (41), export_restriction (60) or decompression_failure (30)")
    func obsoleteAlerts() {
        for (code, _) in Self.table {
            let value = AlertMapping.alert(for: code)?.rawValue
            #expect(![21, 41, 60, 30].contains(value), "\(code)")
        }
    }

    @Test("decode errors become illegal_parameter for illegal values and decode_error otherwise")
    func decodeErrors() {
        #expect(DTLSError.decode(DecodeError(.illegalValue, "x")).code == .illegalParameter)
        for reason in [DecodeError.Reason.truncated, .trailingBytes, .lengthOutOfRange] {
            #expect(DTLSError.decode(DecodeError(reason, "x")).code == .decodeError)
        }
    }

    @Test("errors compare by code only")
    func equality() {
        #expect(DTLSError(.decodeError, "one") == DTLSError(.decodeError, "two"))
        #expect(DTLSError(.decodeError, "one") != DTLSError(.illegalParameter, "one"))
    }
}
