import NIOCore
import Testing

@testable import DTLSCore

@Suite("Certificate, ECDHE key exchange, CertificateRequest and CertificateVerify codecs")
struct PublicKeyMessagesTests {
    static let point = [UInt8](hex: "04") + [UInt8](repeating: 0xAA, count: 64)

    @Test("an X.509 Certificate message nests 24-bit lengths")
    func x509Certificate() throws {
        let message = X509CertificateMessage(certificates: [[1, 2], [3]])
        let bytes = [UInt8](hex: "000009 000002 0102 000001 03")
        try expectCodec(message, bytes)
        expectStrictPrefixesFail(X509CertificateMessage.self, bytes)
        try expectCodec(X509CertificateMessage(certificates: []), [0, 0, 0])
        // A zero-length certificate inside the list is not allowed (ASN.1Cert<1..2^24-1>).
        #expect(decodeFailure(X509CertificateMessage.self, [UInt8](hex: "000003 000000")) == .lengthOutOfRange)
        #expect(decodeFailure(X509CertificateMessage.self, bytes + [0]) == .trailingBytes)
        #expect(decodeFailure(X509CertificateMessage.self, [UInt8](hex: "000009 000009 0102")) != nil)
    }

    @Test("a raw public key Certificate message is one 24-bit vector (RFC 7250)")
    func rawPublicKeyCertificate() throws {
        let bytes = [UInt8](hex: "000003 303132")
        try expectCodec(RawPublicKeyCertificateMessage(subjectPublicKeyInfo: [0x30, 0x31, 0x32]), bytes)
        expectStrictPrefixesFail(RawPublicKeyCertificateMessage.self, bytes)
        #expect(decodeFailure(RawPublicKeyCertificateMessage.self, [0, 0, 0]) == .lengthOutOfRange)
    }

    @Test("ServerKeyExchange: named curve, point, signature algorithm and signature")
    func serverKeyExchange() throws {
        let keyExchange = ECDHEServerKeyExchange(
            parameters: ServerECDHParameters(group: .secp256r1, publicPoint: Self.point),
            signatureScheme: .ecdsaSecp256r1SHA256,
            signature: [0x30, 0x00]
        )
        let bytes = [UInt8](hex: "03 0017 41") + Self.point + [UInt8](hex: "0403 0002 3000")
        try expectCodec(keyExchange, bytes)
        expectStrictPrefixesFail(ECDHEServerKeyExchange.self, bytes)
        // Only named_curve (3) is allowed.
        #expect(decodeFailure(ECDHEServerKeyExchange.self, [0x01] + bytes.dropFirst()) == .illegalValue)
    }

    @Test("the ServerKeyExchange signature covers client_random, server_random and the parameters")
    func signedContent() {
        let parameters = ServerECDHParameters(group: .secp256r1, publicPoint: Self.point)
        let signed = ECDHEServerKeyExchange.signedContent(
            clientRandom: [UInt8](repeating: 0xC1, count: 32),
            serverRandom: [UInt8](repeating: 0x5E, count: 32),
            parameters: parameters
        )
        let expected = [UInt8](repeating: 0xC1, count: 32) + [UInt8](repeating: 0x5E, count: 32) + [UInt8](hex: "03 0017 41") + Self.point
        #expect(signed == expected)
        #expect(signed.count == 32 + 32 + 4 + 65)
    }

    @Test("ClientKeyExchange carries the point behind a one-byte length")
    func clientKeyExchange() throws {
        let bytes = [UInt8](hex: "41") + Self.point
        try expectCodec(ECDHEClientKeyExchange(publicPoint: Self.point), bytes)
        expectStrictPrefixesFail(ECDHEClientKeyExchange.self, bytes)
        #expect(decodeFailure(ECDHEClientKeyExchange.self, [0]) == .lengthOutOfRange)
    }

    @Test("CertificateRequest: types, signature algorithms, authorities")
    func certificateRequest() throws {
        let request = CertificateRequest(certificateTypes: [64], signatureSchemes: [.ecdsaSecp256r1SHA256], certificateAuthorities: [[0x30, 0x00]])
        let bytes = [UInt8](hex: "01 40 0002 0403 0004 0002 3000")
        try expectCodec(request, bytes)
        expectStrictPrefixesFail(CertificateRequest.self, bytes)
        try expectCodec(CertificateRequest(certificateTypes: [64], signatureSchemes: [.ecdsaSecp256r1SHA256]), [UInt8](hex: "01 40 0002 0403 0000"))
        #expect(decodeFailure(CertificateRequest.self, [UInt8](hex: "00 0002 0403 0000")) == .lengthOutOfRange)
        #expect(decodeFailure(CertificateRequest.self, [UInt8](hex: "01 40 0000 0000")) == .lengthOutOfRange)
    }

    @Test("CertificateVerify: signature algorithm and signature")
    func certificateVerify() throws {
        let bytes = [UInt8](hex: "0403 0003 010203")
        try expectCodec(CertificateVerify(signatureScheme: .ecdsaSecp256r1SHA256, signature: [1, 2, 3]), bytes)
        expectStrictPrefixesFail(CertificateVerify.self, bytes)
    }
}
