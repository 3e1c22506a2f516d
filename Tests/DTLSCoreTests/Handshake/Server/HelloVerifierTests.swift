import NIOCore
import Testing

@testable import DTLSCore

@Suite("HelloVerifyRequest answers")
struct HelloVerifierTests {
    static let verifier = HelloVerifier(authenticator: CookieAuthenticator(secret: [UInt8](repeating: 0x22, count: 32)))
    static let peer: [UInt8] = [10, 0, 0, 1]
    static let hello = ClientHello(random: [UInt8](repeating: 0xAB, count: 32), cipherSuites: [.pskWithAES128CCM8])

    private static func fragments(of hello: ClientHello, sequence: UInt16 = 0, range: Range<Int>? = nil) -> [HandshakeFragment] {
        let body = encode(hello)
        let range = range ?? 0..<body.count
        return [
            HandshakeFragment(
                header: HandshakeHeader(
                    messageType: .clientHello, length: body.count, messageSequence: sequence, fragmentOffset: range.lowerBound,
                    fragmentLength: range.count),
                body: ByteBuffer(bytes: body[range])
            )
        ]
    }

    @Test("only a whole ClientHello alone in epoch 0 is an initial hello")
    func initialHello() {
        #expect(HelloVerifier.initialHello(in: Self.fragments(of: Self.hello), epoch: 0, recordSequence: 9) != nil)
        #expect(HelloVerifier.initialHello(in: Self.fragments(of: Self.hello), epoch: 1, recordSequence: 9) == nil)
        #expect(HelloVerifier.initialHello(in: Self.fragments(of: Self.hello, range: 0..<10), epoch: 0, recordSequence: 9) == nil)
        #expect(HelloVerifier.initialHello(in: Self.fragments(of: Self.hello) + Self.fragments(of: Self.hello), epoch: 0, recordSequence: 9) == nil)
        #expect(HelloVerifier.initialHello(in: [], epoch: 0, recordSequence: 9) == nil)
    }

    @Test("the answer mirrors record and message sequence numbers and carries a cookie that verifies")
    func answer() throws {
        let initial = try #require(HelloVerifier.initialHello(in: Self.fragments(of: Self.hello, sequence: 1), epoch: 0, recordSequence: 9))
        #expect(!Self.verifier.isValid(initial, peerAddress: Self.peer, now: .zero))
        let datagram = Array(buffer: Self.verifier.helloVerifyRequest(for: initial, peerAddress: Self.peer, now: .zero))

        let record = try decode(RecordHeader.self, Array(datagram[0..<13]))
        #expect(record == RecordHeader(contentType: .handshake, version: .dtls10, epoch: 0, sequenceNumber: 9, length: UInt16(datagram.count - 13)))
        let fragments = try HandshakeFragment.readAll(from: ByteBuffer(bytes: datagram[13...]))
        let fragment = try #require(fragments.first)
        #expect(fragments.count == 1)
        #expect(fragment.header.messageType == .helloVerifyRequest)
        #expect(fragment.header.messageSequence == 1)
        #expect(fragment.header.isUnfragmented)
        let request = try HelloVerifyRequest.decode(fragment.body, context: "HelloVerifyRequest")
        #expect(request.serverVersion == .dtls10)

        var answered = Self.hello
        answered.cookie = request.cookie
        let second = try #require(HelloVerifier.initialHello(in: Self.fragments(of: answered, sequence: 1), epoch: 0, recordSequence: 10))
        #expect(Self.verifier.isValid(second, peerAddress: Self.peer, now: .zero))
        #expect(!Self.verifier.isValid(second, peerAddress: [10, 0, 0, 2], now: .zero))
    }
}
