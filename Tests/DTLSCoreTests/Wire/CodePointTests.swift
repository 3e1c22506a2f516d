import Testing

@testable import DTLSCore

/// The named code points must carry their IANA registry values: these are the wire.
@Suite("Code points match the IANA registries")
struct CodePointTests {
    @Test("content types (RFC 6347 §4.1, RFC 9146)")
    func contentTypes() {
        let values: [(ContentType, UInt8)] = [
            (.changeCipherSpec, 20), (.alert, 21), (.handshake, 22), (.applicationData, 23), (.heartbeat, 24), (.connectionID, 25),
        ]
        for (type, value) in values { #expect(type.rawValue == value, "\(type)") }
    }

    @Test("handshake types (RFC 5246 §7.4, RFC 6347 §4.3.2)")
    func handshakeTypes() {
        let values: [(HandshakeType, UInt8)] = [
            (.helloRequest, 0), (.clientHello, 1), (.serverHello, 2), (.helloVerifyRequest, 3), (.newSessionTicket, 4),
            (.certificate, 11), (.serverKeyExchange, 12), (.certificateRequest, 13), (.serverHelloDone, 14),
            (.certificateVerify, 15), (.clientKeyExchange, 16), (.finished, 20),
        ]
        for (type, value) in values { #expect(type.rawValue == value, "\(type)") }
    }

    @Test("alert descriptions (RFC 5246 §7.2, RFC 4279, RFC 6066, RFC 8446)")
    func alertDescriptions() {
        let values: [(AlertDescription, UInt8)] = [
            (.closeNotify, 0), (.unexpectedMessage, 10), (.badRecordMAC, 20), (.recordOverflow, 22), (.handshakeFailure, 40),
            (.badCertificate, 42), (.unsupportedCertificate, 43), (.certificateRevoked, 44), (.certificateExpired, 45),
            (.certificateUnknown, 46), (.illegalParameter, 47), (.unknownCA, 48), (.accessDenied, 49), (.decodeError, 50),
            (.decryptError, 51), (.protocolVersion, 70), (.insufficientSecurity, 71), (.internalError, 80), (.userCanceled, 90),
            (.noRenegotiation, 100), (.missingExtension, 109), (.unsupportedExtension, 110), (.unrecognizedName, 112),
            (.unknownPSKIdentity, 115),
        ]
        for (description, value) in values { #expect(description.rawValue == value, "\(description)") }
        #expect(AlertLevel.warning.rawValue == 1)
        #expect(AlertLevel.fatal.rawValue == 2)
    }

    @Test("extension types")
    func extensionTypes() {
        let values: [(ExtensionType, UInt16)] = [
            (.serverName, 0), (.maxFragmentLength, 1), (.supportedGroups, 10), (.ecPointFormats, 11), (.signatureAlgorithms, 13),
            (.clientCertificateType, 19), (.serverCertificateType, 20), (.encryptThenMAC, 22), (.extendedMasterSecret, 23),
            (.recordSizeLimit, 28), (.sessionTicket, 35), (.connectionID, 54), (.renegotiationInfo, 0xFF01),
        ]
        for (type, value) in values { #expect(type.rawValue == value, "\(type)") }
    }

    @Test("cipher suites and versions")
    func suitesAndVersions() {
        #expect(CipherSuite.pskWithAES128CCM8.rawValue == 0xC0A8)
        #expect(CipherSuite.ecdheECDSAWithAES128CCM8.rawValue == 0xC0AE)
        #expect(CipherSuite.ecdheECDSAWithAES128GCMSHA256.rawValue == 0xC02B)
        #expect(CipherSuite.emptyRenegotiationInfoSCSV.rawValue == 0x00FF)
        #expect(CipherSuite(rawValue: 0xABCD).description == "cipher_suite(0xABCD)")
        #expect(ProtocolVersion.dtls10.rawValue == 0xFEFF)
        #expect(ProtocolVersion.dtls12.rawValue == 0xFEFD)
    }
}
