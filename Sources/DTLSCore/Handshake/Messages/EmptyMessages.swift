import NIOCore

/// ServerHelloDone (RFC 5246 §7.4.5): `struct { } ServerHelloDone;`
struct ServerHelloDone: Hashable, Sendable, WireCodable {
    init() {}
    init(from reader: inout WireReader) throws(DecodeError) {}
    func encode(into buffer: inout ByteBuffer) {}
}

/// HelloRequest (RFC 5246 §7.4.1.1): `struct { } HelloRequest;`
///
/// Always answered with a `no_renegotiation` warning (RFC 7925 §17).
struct HelloRequest: Hashable, Sendable, WireCodable {
    init() {}
    init(from reader: inout WireReader) throws(DecodeError) {}
    func encode(into buffer: inout ByteBuffer) {}
}
