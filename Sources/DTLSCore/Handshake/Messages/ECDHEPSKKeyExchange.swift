import NIOCore

/// ServerKeyExchange of ECDHE_PSK (RFC 5489 §2): a hint and unsigned ECDHE parameters.
///
/// ```
/// struct {
///     select (KeyExchangeAlgorithm) {
///         case ec_diffie_hellman_psk:
///             opaque psk_identity_hint<0..2^16-1>;
///             ServerECDHParams params;
///     };
/// } ServerKeyExchange;
/// ```
struct ECDHEPSKServerKeyExchange: Hashable, Sendable, WireCodable {
    var identityHint: [UInt8]
    var parameters: ServerECDHParameters

    init(identityHint: [UInt8], parameters: ServerECDHParameters) {
        self.identityHint = identityHint
        self.parameters = parameters
    }

    init(from reader: inout WireReader) throws(DecodeError) {
        identityHint = try reader.readVector(lengthBytes: 2, allowed: 0...0xFFFF)
        parameters = try ServerECDHParameters(from: &reader)
    }

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeVector(lengthBytes: 2, identityHint)
        parameters.encode(into: &buffer)
    }
}

/// ClientKeyExchange of ECDHE_PSK (RFC 5489 §2).
///
/// ```
/// struct {
///     select (KeyExchangeAlgorithm) {
///         case ec_diffie_hellman_psk:
///             opaque psk_identity<0..2^16-1>;
///             ClientECDiffieHellmanPublic public;
///     } exchange_keys;
/// } ClientKeyExchange;
/// ```
struct ECDHEPSKClientKeyExchange: Hashable, Sendable, WireCodable {
    var identity: [UInt8]
    var publicPoint: [UInt8]

    init(identity: [UInt8], publicPoint: [UInt8]) {
        self.identity = identity
        self.publicPoint = publicPoint
    }

    init(from reader: inout WireReader) throws(DecodeError) {
        identity = try reader.readVector(lengthBytes: 2, allowed: 0...0xFFFF)
        publicPoint = try reader.readVector(lengthBytes: 1, allowed: 1...255)
    }

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeVector(lengthBytes: 2, identity)
        buffer.writeVector(lengthBytes: 1, publicPoint)
    }
}
