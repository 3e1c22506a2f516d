import Testing

@testable import DTLSCore

@Suite("Finished codec")
struct FinishedTests {
    static let verifyData = [UInt8](hex: "f472670d0f53eb8f89978685")

    @Test("is the 12 bytes of verify_data, without a length")
    func byteVector() throws {
        try expectCodec(Finished(verifyData: Self.verifyData), Self.verifyData)
        try expectRoundTrip(Finished(verifyData: [UInt8](repeating: 0, count: 12)))
    }

    @Test("11 bytes are truncated, 13 are trailing")
    func framing() {
        expectStrictPrefixesFail(Finished.self, Self.verifyData)
        #expect(decodeFailure(Finished.self, Array(Self.verifyData.prefix(11))) == .truncated)
        #expect(decodeFailure(Finished.self, Self.verifyData + [0]) == .trailingBytes)
    }
}
