import NIOCore

/// HelloVerifyRequest (RFC 6347 §4.2.1).
///
/// ```
/// struct {
///     ProtocolVersion server_version;
///     opaque cookie<0..2^8-1>;
/// } HelloVerifyRequest;
/// ```
/// `server_version` is a formatting hint only; servers here send DTLS 1.0 (`FE FF`) as RFC 6347
/// recommends, and clients accept any DTLS version in it.
struct HelloVerifyRequest: Hashable, Sendable, WireCodable {
    var serverVersion: ProtocolVersion
    var cookie: [UInt8]

    init(serverVersion: ProtocolVersion = .dtls10, cookie: [UInt8]) {
        self.serverVersion = serverVersion
        self.cookie = cookie
    }

    init(from reader: inout WireReader) throws(DecodeError) {
        serverVersion = ProtocolVersion(rawValue: try reader.readUInt16())
        cookie = try reader.readVector(lengthBytes: 1, allowed: 0...255)
    }

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeInteger(serverVersion.rawValue)
        buffer.writeVector(lengthBytes: 1, cookie)
    }
}
