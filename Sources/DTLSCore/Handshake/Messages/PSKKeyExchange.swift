import NIOCore

/// ServerKeyExchange of the plain PSK key exchange (RFC 4279 §2).
///
/// ```
/// struct {
///     select (KeyExchangeAlgorithm) {
///         case psk:  opaque psk_identity_hint<0..2^16-1>;
///     };
/// } ServerKeyExchange;
/// ```
struct PSKServerKeyExchange: Hashable, Sendable, WireCodable {
    var identityHint: [UInt8]

    init(identityHint: [UInt8]) {
        self.identityHint = identityHint
    }

    init(from reader: inout WireReader) throws(DecodeError) {
        identityHint = try reader.readVector(lengthBytes: 2, allowed: 0...0xFFFF)
    }

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeVector(lengthBytes: 2, identityHint)
    }
}

/// ClientKeyExchange of the plain PSK key exchange (RFC 4279 §2).
///
/// ```
/// struct {
///     select (KeyExchangeAlgorithm) {
///         case psk:  opaque psk_identity<0..2^16-1>;
///     } exchange_keys;
/// } ClientKeyExchange;
/// ```
struct PSKClientKeyExchange: Hashable, Sendable, WireCodable {
    var identity: [UInt8]

    init(identity: [UInt8]) {
        self.identity = identity
    }

    init(from reader: inout WireReader) throws(DecodeError) {
        identity = try reader.readVector(lengthBytes: 2, allowed: 0...0xFFFF)
    }

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeVector(lengthBytes: 2, identity)
    }
}
