import NIOCore

/// The 12-byte header of a handshake message or fragment (RFC 6347 §4.2.2).
///
/// ```
/// struct {
///     HandshakeType msg_type;
///     uint24 length;
///     uint16 message_seq;
///     uint24 fragment_offset;
///     uint24 fragment_length;
///     select (HandshakeType) { ... } body;
/// } Handshake;
/// ```
struct HandshakeHeader: Hashable, Sendable, WireCodable {
    /// Bytes in an encoded header.
    static let size = 12

    var messageType: HandshakeType
    /// Length of the whole message body.
    var length: Int
    var messageSequence: UInt16
    var fragmentOffset: Int
    var fragmentLength: Int

    init(messageType: HandshakeType, length: Int, messageSequence: UInt16, fragmentOffset: Int, fragmentLength: Int) {
        self.messageType = messageType
        self.length = length
        self.messageSequence = messageSequence
        self.fragmentOffset = fragmentOffset
        self.fragmentLength = fragmentLength
    }

    init(from reader: inout WireReader) throws(DecodeError) {
        messageType = HandshakeType(rawValue: try reader.readUInt8())
        length = Int(try reader.readUInt24())
        messageSequence = try reader.readUInt16()
        fragmentOffset = Int(try reader.readUInt24())
        fragmentLength = Int(try reader.readUInt24())
        guard fragmentOffset + fragmentLength <= length else {
            throw reader.illegal("fragment runs past the message length")
        }
    }

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeInteger(messageType.rawValue)
        buffer.writeUInt24(UInt32(length))
        buffer.writeInteger(messageSequence)
        buffer.writeUInt24(UInt32(fragmentOffset))
        buffer.writeUInt24(UInt32(fragmentLength))
    }

    /// Whether this fragment is the whole message.
    var isUnfragmented: Bool { fragmentOffset == 0 && fragmentLength == length }
}

/// One handshake fragment read from a record.
struct HandshakeFragment: Sendable {
    var header: HandshakeHeader
    var body: ByteBuffer

    /// Reads every fragment in a handshake record's plaintext; several may share one record.
    static func readAll(from plaintext: ByteBuffer) throws(DecodeError) -> [HandshakeFragment] {
        var reader = WireReader(plaintext, context: "handshake fragment")
        var fragments: [HandshakeFragment] = []
        while !reader.isEmpty {
            let header = try HandshakeHeader(from: &reader)
            fragments.append(HandshakeFragment(header: header, body: try reader.readSlice(header.fragmentLength)))
        }
        return fragments
    }
}

/// A complete, reassembled handshake message and the epoch it arrived in.
struct HandshakeMessage: Sendable {
    var type: HandshakeType
    var sequence: UInt16
    var body: ByteBuffer
    /// The epoch of the record(s) that carried it.
    var epoch: UInt16

    /// The message as one unfragmented fragment: the form that enters the transcript (RFC 6347
    /// §4.2.6), and the payload of a record that carries the whole message.
    var unfragmentedBytes: ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(HandshakeHeader.size + body.readableBytes)
        HandshakeHeader(
            messageType: type,
            length: body.readableBytes,
            messageSequence: sequence,
            fragmentOffset: 0,
            fragmentLength: body.readableBytes
        ).encode(into: &buffer)
        buffer.writeImmutableBuffer(body)
        return buffer
    }

    /// Decodes the body as `T`, which must span it exactly.
    func decode<T: WireDecodable>(_: T.Type) throws(DecodeError) -> T {
        try T.decode(body, context: type.description)
    }
}
