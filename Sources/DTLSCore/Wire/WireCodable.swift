import NIOCore

/// A wire structure that can write itself in its RFC encoding.
protocol WireEncodable {
    func encode(into buffer: inout ByteBuffer)
}

/// A wire structure that can be read from its RFC encoding.
protocol WireDecodable {
    init(from reader: inout WireReader) throws(DecodeError)
}

typealias WireCodable = WireEncodable & WireDecodable

extension WireEncodable {
    /// The encoding as a fresh buffer.
    var encoded: ByteBuffer {
        var buffer = ByteBuffer()
        encode(into: &buffer)
        return buffer
    }
}

extension WireDecodable {
    /// Decodes a value that must span `buffer` exactly.
    static func decode(_ buffer: ByteBuffer, context: String) throws(DecodeError) -> Self {
        var reader = WireReader(buffer, context: context)
        let value = try Self(from: &reader)
        try reader.finish()
        return value
    }
}
