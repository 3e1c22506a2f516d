import NIOCore

/// ServerHello (RFC 5246 §7.4.1.3).
///
/// ```
/// struct {
///     ProtocolVersion server_version;
///     Random random;
///     SessionID session_id;                            // opaque <0..32>
///     CipherSuite cipher_suite;
///     CompressionMethod compression_method;
///     select (extensions_present) {
///         case false: struct {};
///         case true:  Extension extensions<0..2^16-1>;
///     };
/// } ServerHello;
/// ```
struct ServerHello: Hashable, Sendable, WireCodable {
    var serverVersion: ProtocolVersion
    var random: [UInt8]
    var sessionID: [UInt8]
    var cipherSuite: CipherSuite
    var compressionMethod: UInt8
    var extensions: HelloExtensions

    init(
        serverVersion: ProtocolVersion = .dtls12,
        random: [UInt8],
        sessionID: [UInt8] = [],
        cipherSuite: CipherSuite,
        compressionMethod: UInt8 = 0,
        extensions: HelloExtensions = HelloExtensions()
    ) {
        self.serverVersion = serverVersion
        self.random = random
        self.sessionID = sessionID
        self.cipherSuite = cipherSuite
        self.compressionMethod = compressionMethod
        self.extensions = extensions
    }

    init(from reader: inout WireReader) throws(DecodeError) {
        serverVersion = ProtocolVersion(rawValue: try reader.readUInt16())
        random = try reader.readBytes(ClientHello.randomLength)
        sessionID = try reader.readVector(lengthBytes: 1, allowed: 0...32)
        cipherSuite = CipherSuite(rawValue: try reader.readUInt16())
        compressionMethod = try reader.readUInt8()
        extensions = reader.isEmpty ? HelloExtensions() : try HelloExtensions(from: &reader)
    }

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeInteger(serverVersion.rawValue)
        buffer.writeBytes(random)
        buffer.writeVector(lengthBytes: 1, sessionID)
        buffer.writeInteger(cipherSuite.rawValue)
        buffer.writeInteger(compressionMethod)
        if !extensions.isEmpty { extensions.encode(into: &buffer) }
    }
}
