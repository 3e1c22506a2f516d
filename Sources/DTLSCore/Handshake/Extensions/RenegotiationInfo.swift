import NIOCore

/// `renegotiation_info` (RFC 5746 §3.2).
///
/// ```
/// struct {
///     opaque renegotiated_connection<0..255>;
/// } RenegotiationInfo;
/// ```
/// Renegotiation is never performed (RFC 7925 §17), so on an initial handshake the body is
/// always the empty `renegotiated_connection`, i.e. the single byte `00`.
struct RenegotiationInfoExtension: HelloExtensionBody, Hashable {
    static let extensionType = ExtensionType.renegotiationInfo

    var renegotiatedConnection: [UInt8] = []

    init() {}

    init(from reader: inout WireReader) throws(DecodeError) {
        renegotiatedConnection = try reader.readVector(lengthBytes: 1, allowed: 0...255)
    }

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeVector(lengthBytes: 1, renegotiatedConnection)
    }
}
