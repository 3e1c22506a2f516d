import NIOCore

/// `server_name` as a client sends it (RFC 6066 §3).
///
/// ```
/// struct {
///     NameType name_type;
///     select (name_type) { case host_name: HostName; } name;
/// } ServerName;
/// enum { host_name(0), (255) } NameType;
/// opaque HostName<1..2^16-1>;
/// struct {
///     ServerName server_name_list<1..2^16-1>
/// } ServerNameList;
/// ```
/// A server that used the name answers with an empty body (``ServerNameAcknowledgement``).
struct ServerNameExtension: HelloExtensionBody, Hashable {
    static let extensionType = ExtensionType.serverName

    /// The DNS host name, ASCII, without a trailing dot.
    var hostName: String

    init(hostName: String) {
        self.hostName = hostName
    }

    init(from reader: inout WireReader) throws(DecodeError) {
        var hostName: String?
        try reader.readNested(lengthBytes: 2, allowed: 1...0xFFFF) { (reader: inout WireReader) throws(DecodeError) in
            while !reader.isEmpty {
                let nameType = try reader.readUInt8()
                let name = try reader.readVector(lengthBytes: 2, allowed: 1...0xFFFF)
                guard nameType == 0 else { continue }
                // RFC 6066 §3: at most one name of each type.
                guard hostName == nil else { throw reader.illegal("two host names") }
                guard name.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { throw reader.illegal("host name is not ASCII") }
                hostName = String(decoding: name, as: UTF8.self)
            }
        }
        guard let hostName else { throw reader.illegal("no host name") }
        self.hostName = hostName
    }

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeLengthPrefixed(lengthBytes: 2) { buffer in
            buffer.writeInteger(UInt8(0))
            buffer.writeVector(lengthBytes: 2, Array(hostName.utf8))
        }
    }
}

/// `server_name` as a server echoes it: an empty body (RFC 6066 §3).
struct ServerNameAcknowledgement: HelloExtensionBody, Hashable {
    static let extensionType = ExtensionType.serverName

    init() {}
    init(from reader: inout WireReader) throws(DecodeError) {}
    func encode(into buffer: inout ByteBuffer) {}
}
