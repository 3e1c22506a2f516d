import NIOCore
import Testing

@testable import DTLSCore

@Suite("ECC and certificate-type extension codecs")
struct PublicKeyExtensionsTests {
    @Test("supported_groups, ec_point_formats and signature_algorithms as RFC 7925 clients send them")
    func clientOffer() throws {
        try expectCodec(SupportedGroupsExtension(groups: [.secp256r1]), [UInt8](hex: "0002 0017"))
        try expectCodec(ECPointFormatsExtension(), [UInt8](hex: "01 00"))
        try expectCodec(SignatureAlgorithmsExtension(schemes: [.ecdsaSecp256r1SHA256]), [UInt8](hex: "0002 0403"))
        #expect(decodeFailure(SupportedGroupsExtension.self, [UInt8](hex: "0003 001700")) != nil)
        #expect(decodeFailure(SupportedGroupsExtension.self, [UInt8](hex: "0000")) == .lengthOutOfRange)
        #expect(decodeFailure(ECPointFormatsExtension.self, [UInt8](hex: "00")) == .lengthOutOfRange)
        #expect(decodeFailure(SignatureAlgorithmsExtension.self, [UInt8](hex: "0001 04")) != nil)
    }

    @Test("certificate types: a list in the ClientHello, one value in the ServerHello (RFC 7250 §3)")
    func certificateTypes() throws {
        try expectCodec(ServerCertificateTypesExtension([.rawPublicKey, .x509]), [UInt8](hex: "02 02 00"))
        try expectCodec(ClientCertificateTypesExtension([.rawPublicKey]), [UInt8](hex: "01 02"))
        try expectCodec(ServerCertificateTypeSelection(.rawPublicKey), [0x02])
        try expectCodec(ClientCertificateTypeSelection(.x509), [0x00])
        #expect(decodeFailure(ServerCertificateTypesExtension.self, [0x00]) == .lengthOutOfRange)
        #expect(decodeFailure(ServerCertificateTypeSelection.self, [0x02, 0x00]) == .trailingBytes)
        #expect(decodeFailure(ClientCertificateTypeSelection.self, []) == .truncated)
    }
}
