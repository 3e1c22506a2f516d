import NIOCore

/// The ECDHE parameters a server offers (RFC 8422 §5.4).
///
/// ```
/// enum { explicit_prime (1), explicit_char2 (2), named_curve (3), reserved(248..255) } ECCurveType;
/// struct {
///     ECCurveType curve_type;
///     select (curve_type) { case named_curve: NamedCurve namedcurve; };
/// } ECParameters;
/// struct { opaque point <1..2^8-1>; } ECPoint;
/// struct {
///     ECParameters curve_params;
///     ECPoint public;
/// } ServerECDHParams;
/// ```
struct ServerECDHParameters: Hashable, Sendable, WireCodable {
    /// `named_curve`: the only curve type RFC 8422 still allows.
    static let namedCurve: UInt8 = 3

    var group: NamedGroup
    /// The uncompressed point, `04 ‖ X ‖ Y` for P-256.
    var publicPoint: [UInt8]

    init(group: NamedGroup, publicPoint: [UInt8]) {
        self.group = group
        self.publicPoint = publicPoint
    }

    init(from reader: inout WireReader) throws(DecodeError) {
        guard try reader.readUInt8() == Self.namedCurve else { throw reader.illegal("curve type is not named_curve") }
        group = NamedGroup(rawValue: try reader.readUInt16())
        publicPoint = try reader.readVector(lengthBytes: 1, allowed: 1...255)
    }

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeInteger(Self.namedCurve)
        buffer.writeInteger(group.rawValue)
        buffer.writeVector(lengthBytes: 1, publicPoint)
    }
}

/// ServerKeyExchange of ECDHE_ECDSA (RFC 8422 §5.4, TLS 1.2 signature format RFC 5246 §4.7).
///
/// ```
/// struct {
///     ServerECDHParams params;
///     digitally-signed struct {
///         opaque client_random[32];
///         opaque server_random[32];
///         ServerECDHParams params;
///     } signed_params;
/// } ServerKeyExchange;
/// struct {
///     SignatureAndHashAlgorithm algorithm;
///     opaque signature<0..2^16-1>;
/// } DigitallySigned;
/// ```
struct ECDHEServerKeyExchange: Hashable, Sendable, WireCodable {
    var parameters: ServerECDHParameters
    var signatureScheme: SignatureScheme
    /// DER-encoded ECDSA signature.
    var signature: [UInt8]

    init(parameters: ServerECDHParameters, signatureScheme: SignatureScheme, signature: [UInt8]) {
        self.parameters = parameters
        self.signatureScheme = signatureScheme
        self.signature = signature
    }

    init(from reader: inout WireReader) throws(DecodeError) {
        parameters = try ServerECDHParameters(from: &reader)
        signatureScheme = SignatureScheme(rawValue: try reader.readUInt16())
        signature = try reader.readVector(lengthBytes: 2, allowed: 0...0xFFFF)
    }

    func encode(into buffer: inout ByteBuffer) {
        parameters.encode(into: &buffer)
        buffer.writeInteger(signatureScheme.rawValue)
        buffer.writeVector(lengthBytes: 2, signature)
    }

    /// The bytes the signature covers: client_random ‖ server_random ‖ params.
    static func signedContent(clientRandom: [UInt8], serverRandom: [UInt8], parameters: ServerECDHParameters) -> [UInt8] {
        var buffer = ByteBuffer()
        buffer.writeBytes(clientRandom)
        buffer.writeBytes(serverRandom)
        parameters.encode(into: &buffer)
        return Array(buffer: buffer)
    }
}

/// ClientKeyExchange of ECDHE (RFC 8422 §5.7).
///
/// ```
/// struct {
///     select (PublicValueEncoding) {
///         case explicit: ECPoint ecdh_Yc;
///     } ecdh_public;
/// } ClientECDiffieHellmanPublic;
/// ```
struct ECDHEClientKeyExchange: Hashable, Sendable, WireCodable {
    var publicPoint: [UInt8]

    init(publicPoint: [UInt8]) {
        self.publicPoint = publicPoint
    }

    init(from reader: inout WireReader) throws(DecodeError) {
        publicPoint = try reader.readVector(lengthBytes: 1, allowed: 1...255)
    }

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeVector(lengthBytes: 1, publicPoint)
    }
}
