import NIOCore

/// `extended_master_secret` (RFC 7627 §5.1): an empty body in both hellos.
struct ExtendedMasterSecretExtension: HelloExtensionBody, Hashable {
    static let extensionType = ExtensionType.extendedMasterSecret

    init() {}
    init(from reader: inout WireReader) throws(DecodeError) {}
    func encode(into buffer: inout ByteBuffer) {}
}
