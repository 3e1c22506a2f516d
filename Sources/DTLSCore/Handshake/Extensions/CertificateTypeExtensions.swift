import NIOCore

/// `client_certificate_type` / `server_certificate_type` in a ClientHello (RFC 7250 §3).
///
/// ```
/// struct {
///     select(ClientOrServerExtension) {
///         case client: CertificateType client_certificate_types<1..2^8-1>;
///         case server: CertificateType client_certificate_type;
///     }
/// } ClientCertTypeExtension;
/// ```
/// (The server_certificate_type extension has the same layout.) In a ClientHello the body is a
/// list in order of preference; in a ServerHello it is the single chosen type
/// (``SelectedCertificateType``).
struct OfferedCertificateTypes: Hashable, Sendable, WireCodable {
    var types: [CertificateType]

    init(_ types: [CertificateType]) {
        self.types = types
    }

    init(from reader: inout WireReader) throws(DecodeError) {
        types = try reader.readVector(lengthBytes: 1, allowed: 1...255).map(CertificateType.init(rawValue:))
    }

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeVector(lengthBytes: 1, types.map(\.rawValue))
    }
}

/// The single certificate type a ServerHello selects (RFC 7250 §3).
struct SelectedCertificateType: Hashable, Sendable, WireCodable {
    var type: CertificateType

    init(_ type: CertificateType) {
        self.type = type
    }

    init(from reader: inout WireReader) throws(DecodeError) {
        type = CertificateType(rawValue: try reader.readUInt8())
    }

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeInteger(type.rawValue)
    }
}

/// `client_certificate_type` offered by a client.
struct ClientCertificateTypesExtension: HelloExtensionBody, Hashable {
    static let extensionType = ExtensionType.clientCertificateType
    var offered: OfferedCertificateTypes

    init(_ types: [CertificateType]) { offered = OfferedCertificateTypes(types) }
    init(from reader: inout WireReader) throws(DecodeError) { offered = try OfferedCertificateTypes(from: &reader) }
    func encode(into buffer: inout ByteBuffer) { offered.encode(into: &buffer) }
}

/// `server_certificate_type` offered by a client.
struct ServerCertificateTypesExtension: HelloExtensionBody, Hashable {
    static let extensionType = ExtensionType.serverCertificateType
    var offered: OfferedCertificateTypes

    init(_ types: [CertificateType]) { offered = OfferedCertificateTypes(types) }
    init(from reader: inout WireReader) throws(DecodeError) { offered = try OfferedCertificateTypes(from: &reader) }
    func encode(into buffer: inout ByteBuffer) { offered.encode(into: &buffer) }
}

/// `client_certificate_type` chosen by a server.
struct ClientCertificateTypeSelection: HelloExtensionBody, Hashable {
    static let extensionType = ExtensionType.clientCertificateType
    var selected: SelectedCertificateType

    init(_ type: CertificateType) { selected = SelectedCertificateType(type) }
    init(from reader: inout WireReader) throws(DecodeError) { selected = try SelectedCertificateType(from: &reader) }
    func encode(into buffer: inout ByteBuffer) { selected.encode(into: &buffer) }
}

/// `server_certificate_type` chosen by a server.
struct ServerCertificateTypeSelection: HelloExtensionBody, Hashable {
    static let extensionType = ExtensionType.serverCertificateType
    var selected: SelectedCertificateType

    init(_ type: CertificateType) { selected = SelectedCertificateType(type) }
    init(from reader: inout WireReader) throws(DecodeError) { selected = try SelectedCertificateType(from: &reader) }
    func encode(into buffer: inout ByteBuffer) { selected.encode(into: &buffer) }
}
