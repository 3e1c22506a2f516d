import NIOCore

/// The kinds of handshake message cached_info can stand in for (RFC 7924 §3).
enum CachedInformationType {
    /// The server's Certificate message; the only kind this library uses.
    static let certificate: UInt8 = 1
    /// The CertificateRequest message (recognised, never offered or accepted).
    static let certificateRequest: UInt8 = 2
}

/// `cached_info` in a ClientHello (RFC 7924 §3): what the client already holds, by fingerprint.
///
/// ```
/// struct {
///     CachedInformationType type;
///     opaque hash_value<1..255>;
/// } CachedObject;                      /* client form */
/// struct {
///     CachedObject cached_info<1..2^16-1>;
/// } CachedInformation;
/// ```
/// The same type may appear several times, one entry per cached message.
struct CachedInformationOffer: HelloExtensionBody, Hashable {
    static let extensionType = ExtensionType.cachedInfo

    struct Object: Hashable, Sendable {
        var type: UInt8
        var fingerprint: [UInt8]
    }

    var objects: [Object]

    init(objects: [Object]) {
        self.objects = objects
    }

    init(from reader: inout WireReader) throws(DecodeError) {
        objects = try reader.readNested(lengthBytes: 2, allowed: 1...0xFFFF) { (reader: inout WireReader) throws(DecodeError) in
            var objects: [Object] = []
            while !reader.isEmpty {
                let type = try reader.readUInt8()
                objects.append(Object(type: type, fingerprint: try reader.readVector(lengthBytes: 1, allowed: 1...255)))
            }
            return objects
        }
    }

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeLengthPrefixed(lengthBytes: 2) { buffer in
            for object in objects {
                buffer.writeInteger(object.type)
                buffer.writeVector(lengthBytes: 1, object.fingerprint)
            }
        }
    }
}

/// `cached_info` in a ServerHello (RFC 7924 §4): the types whose messages the server will
/// replace by their fingerprint.
///
/// ```
/// struct {
///     CachedInformationType type;
/// } CachedObject;                      /* server form */
/// struct {
///     CachedObject cached_info<1..2^16-1>;
/// } CachedInformation;
/// ```
struct CachedInformationAcceptance: HelloExtensionBody, Hashable {
    static let extensionType = ExtensionType.cachedInfo

    var types: [UInt8]

    init(types: [UInt8]) {
        self.types = types
    }

    init(from reader: inout WireReader) throws(DecodeError) {
        types = try reader.readVector(lengthBytes: 2, allowed: 1...0xFFFF)
    }

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeVector(lengthBytes: 2, types)
    }
}
