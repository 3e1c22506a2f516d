import NIOCore

/// `supported_groups` (RFC 8422 §5.1.1, RFC 7919).
///
/// ```
/// struct {
///     NamedGroup named_group_list<2..2^16-1>;
/// } NamedGroupList;
/// ```
struct SupportedGroupsExtension: HelloExtensionBody, Hashable {
    static let extensionType = ExtensionType.supportedGroups

    var groups: [NamedGroup]

    init(groups: [NamedGroup]) {
        self.groups = groups
    }

    init(from reader: inout WireReader) throws(DecodeError) {
        groups = try reader.readNested(lengthBytes: 2, allowed: 2...0xFFFE) { (reader: inout WireReader) throws(DecodeError) in
            guard reader.remaining % 2 == 0 else { throw reader.illegal("odd named_group_list length") }
            var groups: [NamedGroup] = []
            while !reader.isEmpty { groups.append(NamedGroup(rawValue: try reader.readUInt16())) }
            return groups
        }
    }

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeLengthPrefixed(lengthBytes: 2) { buffer in
            for group in groups { buffer.writeInteger(group.rawValue) }
        }
    }
}

/// `ec_point_formats` (RFC 8422 §5.1.2).
///
/// ```
/// enum { uncompressed (0), deprecated (1..2), reserved (248..255) } ECPointFormat;
/// struct {
///     ECPointFormat ec_point_format_list<1..2^8-1>
/// } ECPointFormatList;
/// ```
struct ECPointFormatsExtension: HelloExtensionBody, Hashable {
    static let extensionType = ExtensionType.ecPointFormats
    /// The only format in use (RFC 8422 §5.1.2).
    static let uncompressed: UInt8 = 0

    var formats: [UInt8]

    init(formats: [UInt8] = [ECPointFormatsExtension.uncompressed]) {
        self.formats = formats
    }

    init(from reader: inout WireReader) throws(DecodeError) {
        formats = try reader.readVector(lengthBytes: 1, allowed: 1...255)
    }

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeVector(lengthBytes: 1, formats)
    }
}

/// `signature_algorithms` (RFC 5246 §7.4.1.4.1).
///
/// ```
/// SignatureAndHashAlgorithm supported_signature_algorithms<2..2^16-2>;
/// ```
struct SignatureAlgorithmsExtension: HelloExtensionBody, Hashable {
    static let extensionType = ExtensionType.signatureAlgorithms

    var schemes: [SignatureScheme]

    init(schemes: [SignatureScheme]) {
        self.schemes = schemes
    }

    init(from reader: inout WireReader) throws(DecodeError) {
        schemes = try SignatureScheme.readList(from: &reader)
    }

    func encode(into buffer: inout ByteBuffer) {
        SignatureScheme.writeList(schemes, into: &buffer)
    }
}

extension SignatureScheme {
    /// Reads `SignatureAndHashAlgorithm list<2..2^16-2>`.
    static func readList(from reader: inout WireReader) throws(DecodeError) -> [SignatureScheme] {
        try reader.readNested(lengthBytes: 2, allowed: 2...0xFFFE) { (reader: inout WireReader) throws(DecodeError) in
            guard reader.remaining % 2 == 0 else { throw reader.illegal("odd signature algorithm list length") }
            var schemes: [SignatureScheme] = []
            while !reader.isEmpty { schemes.append(SignatureScheme(rawValue: try reader.readUInt16())) }
            return schemes
        }
    }

    static func writeList(_ schemes: [SignatureScheme], into buffer: inout ByteBuffer) {
        buffer.writeLengthPrefixed(lengthBytes: 2) { buffer in
            for scheme in schemes { buffer.writeInteger(scheme.rawValue) }
        }
    }
}
