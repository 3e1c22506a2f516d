import NIOCore

/// ClientHello (RFC 5246 §7.4.1.2, RFC 6347 §4.2.1).
///
/// ```
/// struct {
///     ProtocolVersion client_version;
///     Random random;
///     SessionID session_id;                            // opaque <0..32>
///     opaque cookie<0..2^8-1>;
///     CipherSuite cipher_suites<2..2^16-2>;
///     CompressionMethod compression_methods<1..2^8-1>;
///     select (extensions_present) {
///         case false: struct {};
///         case true:  Extension extensions<0..2^16-1>;
///     };
/// } ClientHello;
/// ```
struct ClientHello: Hashable, Sendable, WireCodable {
    static let randomLength = 32

    var clientVersion: ProtocolVersion
    var random: [UInt8]
    var sessionID: [UInt8]
    var cookie: [UInt8]
    var cipherSuites: [CipherSuite]
    var compressionMethods: [UInt8]
    var extensions: HelloExtensions

    init(
        clientVersion: ProtocolVersion = .dtls12,
        random: [UInt8],
        sessionID: [UInt8] = [],
        cookie: [UInt8] = [],
        cipherSuites: [CipherSuite],
        compressionMethods: [UInt8] = [0],
        extensions: HelloExtensions = HelloExtensions()
    ) {
        self.clientVersion = clientVersion
        self.random = random
        self.sessionID = sessionID
        self.cookie = cookie
        self.cipherSuites = cipherSuites
        self.compressionMethods = compressionMethods
        self.extensions = extensions
    }

    init(from reader: inout WireReader) throws(DecodeError) {
        clientVersion = ProtocolVersion(rawValue: try reader.readUInt16())
        random = try reader.readBytes(Self.randomLength)
        sessionID = try reader.readVector(lengthBytes: 1, allowed: 0...32)
        cookie = try reader.readVector(lengthBytes: 1, allowed: 0...255)
        cipherSuites = try reader.readNested(lengthBytes: 2, allowed: 2...0xFFFE) { (reader: inout WireReader) throws(DecodeError) in
            guard reader.remaining % 2 == 0 else { throw reader.illegal("odd cipher_suites length") }
            var suites: [CipherSuite] = []
            while !reader.isEmpty { suites.append(CipherSuite(rawValue: try reader.readUInt16())) }
            return suites
        }
        compressionMethods = try reader.readVector(lengthBytes: 1, allowed: 1...255)
        extensions = reader.isEmpty ? HelloExtensions() : try HelloExtensions(from: &reader)
    }

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeInteger(clientVersion.rawValue)
        buffer.writeBytes(random)
        buffer.writeVector(lengthBytes: 1, sessionID)
        buffer.writeVector(lengthBytes: 1, cookie)
        buffer.writeLengthPrefixed(lengthBytes: 2) { buffer in
            for suite in cipherSuites { buffer.writeInteger(suite.rawValue) }
        }
        buffer.writeVector(lengthBytes: 1, compressionMethods)
        if !extensions.isEmpty { extensions.encode(into: &buffer) }
    }
}
