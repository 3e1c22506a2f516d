import NIOCore

/// The Certificate a server sends in place of its chain once cached_info settled that the
/// client holds it (RFC 7924 §4.1).
///
/// ```
/// struct {
///     opaque hash_value<1..255>;
/// } Certificate;
/// ```
/// (The RFC's figure writes `[1..255]`; the length-prefixed form of its CertificateRequest
/// counterpart in §4.2 is what is meant and what is sent.)
struct CachedCertificateMessage: Hashable, Sendable, WireCodable {
    /// The fingerprint of the Certificate message the client cached.
    var fingerprint: [UInt8]

    init(fingerprint: [UInt8]) {
        self.fingerprint = fingerprint
    }

    init(from reader: inout WireReader) throws(DecodeError) {
        fingerprint = try reader.readVector(lengthBytes: 1, allowed: 1...255)
    }

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeVector(lengthBytes: 1, fingerprint)
    }
}
