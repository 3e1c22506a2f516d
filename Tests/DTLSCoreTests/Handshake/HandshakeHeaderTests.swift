import NIOCore
import Testing

@testable import DTLSCore

@Suite("Handshake header codec")
struct HandshakeHeaderTests {
    static let header = HandshakeHeader(
        messageType: .clientKeyExchange, length: 0x123, messageSequence: 2, fragmentOffset: 0x10, fragmentLength: 0x20)
    static let bytes = [UInt8](hex: "10 000123 0002 000010 000020")

    @Test("type, uint24 length, message_seq, uint24 offset, uint24 fragment length")
    func byteVector() throws {
        #expect(Self.bytes.count == HandshakeHeader.size)
        try expectCodec(Self.header, Self.bytes)
        #expect(!Self.header.isUnfragmented)
    }

    @Test("round-trips whole messages and the largest fields")
    func roundTrip() throws {
        let whole = HandshakeHeader(messageType: .finished, length: 12, messageSequence: 5, fragmentOffset: 0, fragmentLength: 12)
        try expectRoundTrip(whole)
        #expect(whole.isUnfragmented)
        let largest = HandshakeHeader(
            messageType: HandshakeType(rawValue: 0xFF),
            length: 0xFF_FFFF,
            messageSequence: .max,
            fragmentOffset: 0xFF_FFFE,
            fragmentLength: 1
        )
        try expectRoundTrip(largest)
        try expectRoundTrip(HandshakeHeader(messageType: .serverHelloDone, length: 0, messageSequence: 0, fragmentOffset: 0, fragmentLength: 0))
    }

    @Test("no strict prefix decodes; trailing bytes are rejected")
    func framing() {
        expectStrictPrefixesFail(HandshakeHeader.self, Self.bytes)
        #expect(decodeFailure(HandshakeHeader.self, Self.bytes + [0]) == .trailingBytes)
    }

    @Test("a fragment running past the message length is illegal")
    func fragmentPastMessage() {
        #expect(decodeFailure(HandshakeHeader.self, [UInt8](hex: "10 000020 0000 000010 000011")) == .illegalValue)
        #expect(decodeFailure(HandshakeHeader.self, [UInt8](hex: "10 000020 0000 000021 000000")) == .illegalValue)
        #expect(decodeFailure(HandshakeHeader.self, [UInt8](hex: "10 000020 0000 000010 000010")) == nil)
    }
}

@Suite("Handshake fragments in a record")
struct HandshakeFragmentTests {
    @Test("reads several fragments from one record")
    func severalFragments() throws {
        let plaintext = ByteBuffer(hex: "0e 000000 0003 000000 000000  14 00000c 0004 000004 000002 aabb")
        let fragments = try HandshakeFragment.readAll(from: plaintext)
        #expect(fragments.map(\.header.messageType) == [.serverHelloDone, .finished])
        #expect(fragments.map(\.header.messageSequence) == [3, 4])
        #expect(fragments[0].body.readableBytes == 0)
        #expect(Array(buffer: fragments[1].body) == [0xAA, 0xBB])
    }

    @Test("an empty record has no fragments")
    func empty() throws {
        #expect(try HandshakeFragment.readAll(from: ByteBuffer()).isEmpty)
    }

    @Test("a fragment_length past the end of the record is truncated")
    func fragmentPastRecord() {
        let error = #expect(throws: DecodeError.self) {
            try HandshakeFragment.readAll(from: ByteBuffer(hex: "14 00000c 0004 000000 00000c aabb"))
        }
        #expect(error?.reason == .truncated)
    }

    @Test("a partial header after a fragment is truncated")
    func partialHeader() {
        let error = #expect(throws: DecodeError.self) {
            try HandshakeFragment.readAll(from: ByteBuffer(hex: "0e 000000 0003 000000 000000  14 00000c"))
        }
        #expect(error?.reason == .truncated)
    }
}

@Suite("Whole handshake messages")
struct HandshakeMessageTests {
    @Test("enter the transcript with an unfragmented header (RFC 6347 §4.2.6)")
    func unfragmentedBytes() {
        let message = HandshakeMessage(type: .clientKeyExchange, sequence: 2, body: ByteBuffer(hex: "0001 41"), epoch: 0)
        #expect(Array(buffer: message.unfragmentedBytes) == [UInt8](hex: "10 000003 0002 000000 000003 0001 41"))
    }

    @Test("decode their body as a message type that spans it exactly")
    func decodeBody() throws {
        let message = HandshakeMessage(type: .clientKeyExchange, sequence: 2, body: ByteBuffer(hex: "0001 41"), epoch: 0)
        #expect(try message.decode(PSKClientKeyExchange.self) == PSKClientKeyExchange(identity: [0x41]))
        let padded = HandshakeMessage(type: .clientKeyExchange, sequence: 2, body: ByteBuffer(hex: "0001 41 00"), epoch: 0)
        #expect(throws: DecodeError.self) { try padded.decode(PSKClientKeyExchange.self) }
    }
}
