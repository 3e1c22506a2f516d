import NIOCore

/// `max_fragment_length` (RFC 6066 §4).
///
/// ```
/// enum { 2^9(1), 2^10(2), 2^11(3), 2^12(4), (255) } MaxFragmentLength;
/// ```
struct MaxFragmentLengthExtension: HelloExtensionBody, Hashable {
    static let extensionType = ExtensionType.maxFragmentLength

    var code: UInt8

    init(_ length: MaximumFragmentLength) {
        code = length.rawValue
    }

    init(from reader: inout WireReader) throws(DecodeError) {
        code = try reader.readUInt8()
    }

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeInteger(code)
    }

    /// The length the code names; nil for codes outside 1...4 (an `illegal_parameter`).
    var length: MaximumFragmentLength? { MaximumFragmentLength(rawValue: code) }
}

/// `record_size_limit` (RFC 8449 §4): the largest record plaintext the sender will accept.
///
/// ```
/// uint16 RecordSizeLimit;
/// ```
struct RecordSizeLimitExtension: HelloExtensionBody, Hashable {
    static let extensionType = ExtensionType.recordSizeLimit
    /// The smallest limit allowed.
    static let minimum = 64

    var limit: UInt16

    init(_ limit: Int) {
        self.limit = UInt16(clamping: limit)
    }

    init(from reader: inout WireReader) throws(DecodeError) {
        limit = try reader.readUInt16()
        guard limit >= Self.minimum else { throw reader.illegal("record_size_limit below 64") }
    }

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeInteger(limit)
    }

    /// The limit for DTLS 1.2, where records never exceed 2^14 bytes of plaintext.
    var effectiveLimit: Int { min(Int(limit), 1 << 14) }
}

/// A maximum fragment length a client can ask for (RFC 6066 §4).
public enum MaximumFragmentLength: UInt8, Sendable, CaseIterable {
    case bytes512 = 1
    case bytes1024 = 2
    case bytes2048 = 3
    case bytes4096 = 4

    /// The length in bytes.
    public var bytes: Int { 1 << (8 + Int(rawValue)) }

    /// The case for `bytes`, if it is one of the four.
    public init?(bytes: Int) {
        guard let match = Self.allCases.first(where: { $0.bytes == bytes }) else { return nil }
        self = match
    }
}

/// The record plaintext limits the hellos settled (RFC 6066 §4, RFC 8449 §4).
struct RecordSizeLimits: Sendable, Hashable {
    /// The most plaintext this endpoint puts in one record.
    var sending: Int
    /// The most plaintext this endpoint accepts in one record.
    var receiving: Int

    static let unlimited = RecordSizeLimits(sending: 1 << 14, receiving: 1 << 14)
}
