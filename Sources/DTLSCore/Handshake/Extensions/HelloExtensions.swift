import NIOCore

/// The body of one hello extension with a known type.
protocol HelloExtensionBody: WireCodable {
    static var extensionType: ExtensionType { get }
}

/// The extension block of a ClientHello or ServerHello (RFC 5246 §7.4.1.4).
///
/// ```
/// struct {
///     ExtensionType extension_type;
///     opaque extension_data<0..2^16-1>;
/// } Extension;
/// Extension extensions<0..2^16-1>;
/// ```
/// Entries keep their order and raw bodies, so unknown extensions round-trip and the typed view
/// decodes only what a state asks for. Duplicate types are rejected at decode time.
struct HelloExtensions: Hashable, Sendable, WireCodable {
    struct Entry: Hashable, Sendable {
        var type: ExtensionType
        var body: [UInt8]
    }

    private(set) var entries: [Entry] = []

    init() {}

    init(from reader: inout WireReader) throws(DecodeError) {
        entries = try reader.readNested(lengthBytes: 2, allowed: 0...0xFFFF) { (reader: inout WireReader) throws(DecodeError) in
            var entries: [Entry] = []
            var seen = Set<ExtensionType>()
            while !reader.isEmpty {
                let type = ExtensionType(rawValue: try reader.readUInt16())
                guard seen.insert(type).inserted else { throw reader.illegal("duplicate extension \(type)") }
                entries.append(Entry(type: type, body: try reader.readVector(lengthBytes: 2, allowed: 0...0xFFFF)))
            }
            return entries
        }
    }

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeLengthPrefixed(lengthBytes: 2) { buffer in
            for entry in entries {
                buffer.writeInteger(entry.type.rawValue)
                buffer.writeVector(lengthBytes: 2, entry.body)
            }
        }
    }

    var isEmpty: Bool { entries.isEmpty }

    var types: [ExtensionType] { entries.map(\.type) }

    func contains(_ type: ExtensionType) -> Bool {
        entries.contains { $0.type == type }
    }

    /// The typed body of extension `T`, or nil when absent.
    func get<T: HelloExtensionBody>(_: T.Type) throws(DecodeError) -> T? {
        guard let entry = entries.first(where: { $0.type == T.extensionType }) else { return nil }
        return try T.decode(ByteBuffer(bytes: entry.body), context: T.extensionType.description)
    }

    /// Adds (or replaces) extension `T`.
    mutating func set<T: HelloExtensionBody>(_ value: T) {
        let body = Array(buffer: value.encoded)
        if let index = entries.firstIndex(where: { $0.type == T.extensionType }) {
            entries[index].body = body
        } else {
            entries.append(Entry(type: T.extensionType, body: body))
        }
    }

    /// Adds a raw entry; for tests and for extensions carried verbatim.
    mutating func append(type: ExtensionType, body: [UInt8]) {
        entries.append(Entry(type: type, body: body))
    }
}
