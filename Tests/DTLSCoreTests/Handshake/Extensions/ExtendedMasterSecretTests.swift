import Testing

@testable import DTLSCore

@Suite("extended_master_secret extension codec (RFC 7627 §5.1)")
struct ExtendedMasterSecretTests {
    @Test("has an empty body; any byte is trailing")
    func emptyBody() throws {
        try expectCodec(ExtendedMasterSecretExtension(), [])
        #expect(decodeFailure(ExtendedMasterSecretExtension.self, [0x00]) == .trailingBytes)
        #expect(ExtendedMasterSecretExtension.extensionType.rawValue == 23)
    }
}
