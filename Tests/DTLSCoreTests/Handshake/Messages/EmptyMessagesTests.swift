import Testing

@testable import DTLSCore

@Suite("Empty handshake messages")
struct EmptyMessagesTests {
    @Test("ServerHelloDone has an empty body and nothing may follow")
    func serverHelloDone() throws {
        try expectCodec(ServerHelloDone(), [])
        try expectRoundTrip(ServerHelloDone())
        #expect(decodeFailure(ServerHelloDone.self, [0x00]) == .trailingBytes)
    }

    @Test("HelloRequest has an empty body and nothing may follow")
    func helloRequest() throws {
        try expectCodec(HelloRequest(), [])
        try expectRoundTrip(HelloRequest())
        #expect(decodeFailure(HelloRequest.self, [0x00]) == .trailingBytes)
    }
}
