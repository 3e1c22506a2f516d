import NIOCore

/// ChangeCipherSpec (RFC 5246 §7.1): `struct { enum { change_cipher_spec(1), (255) } type; }`
struct ChangeCipherSpec: Hashable, Sendable, WireCodable {
    init() {}

    init(from reader: inout WireReader) throws(DecodeError) {
        guard try reader.readUInt8() == 1 else { throw reader.illegal("ChangeCipherSpec value") }
    }

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeInteger(UInt8(1))
    }
}
