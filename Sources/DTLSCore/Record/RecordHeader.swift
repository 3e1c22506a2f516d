import NIOCore

/// The 13-byte header in front of every DTLS 1.2 record (RFC 6347 §4.1).
///
/// ```
/// struct {
///     ContentType type;
///     ProtocolVersion version;
///     uint16 epoch;
///     uint48 sequence_number;
///     uint16 length;
///     opaque fragment[DTLSPlaintext.length];
/// } DTLSPlaintext;
/// ```
struct RecordHeader: Hashable, Sendable, WireCodable {
    /// Bytes in an encoded header.
    static let size = 13
    /// The largest sequence number a record may carry (2^48 - 1).
    static let maximumSequenceNumber: UInt64 = (1 << 48) - 1
    /// The largest fragment a DTLS 1.2 record may carry: 2^14 plaintext plus 2048 for protection.
    static let maximumFragmentLength = (1 << 14) + 2048

    var contentType: ContentType
    var version: ProtocolVersion
    var epoch: UInt16
    var sequenceNumber: UInt64
    var length: UInt16

    init(contentType: ContentType, version: ProtocolVersion, epoch: UInt16, sequenceNumber: UInt64, length: UInt16) {
        self.contentType = contentType
        self.version = version
        self.epoch = epoch
        self.sequenceNumber = sequenceNumber
        self.length = length
    }

    init(from reader: inout WireReader) throws(DecodeError) {
        contentType = ContentType(rawValue: try reader.readUInt8())
        version = ProtocolVersion(rawValue: try reader.readUInt16())
        epoch = try reader.readUInt16()
        sequenceNumber = try reader.readUInt48()
        length = try reader.readUInt16()
    }

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeInteger(contentType.rawValue)
        buffer.writeInteger(version.rawValue)
        buffer.writeInteger(epoch)
        buffer.writeUInt48(sequenceNumber)
        buffer.writeInteger(length)
    }
}
