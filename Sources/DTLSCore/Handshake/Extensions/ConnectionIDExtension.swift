import NIOCore

/// `connection_id` (RFC 9146 §3), also under mbed TLS's compatibility code point 254.
///
/// ```
/// struct {
///     opaque cid<0..2^8-1>;
/// } ConnectionId;
/// ```
/// The value is the connection ID the sender wants to receive; empty means "send me records
/// without one" while still agreeing to put the peer's in records it sends.
struct ConnectionIDExtension: Hashable, Sendable, WireCodable {
    var connectionID: [UInt8]

    init(_ connectionID: [UInt8]) {
        self.connectionID = connectionID
    }

    init(from reader: inout WireReader) throws(DecodeError) {
        connectionID = try reader.readVector(lengthBytes: 1, allowed: 0...255)
    }

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeVector(lengthBytes: 1, connectionID)
    }
}

extension HelloExtensions {
    /// The connection ID extension under `codePoint`, if present.
    func connectionID(_ codePoint: ConnectionIDCodePoint) throws(DTLSError) -> ConnectionIDExtension? {
        guard let entry = entries.first(where: { $0.type == codePoint.extensionType }) else { return nil }
        do {
            return try ConnectionIDExtension.decode(ByteBuffer(bytes: entry.body), context: "connection_id")
        } catch {
            throw DTLSError.decode(error)
        }
    }

    /// Adds the connection ID extension under `codePoint`.
    mutating func setConnectionID(_ value: ConnectionIDExtension, codePoint: ConnectionIDCodePoint) {
        append(type: codePoint.extensionType, body: Array(buffer: value.encoded))
    }
}
