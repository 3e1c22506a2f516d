import NIOCore

/// NewSessionTicket (RFC 5077 §3.3).
///
/// ```
/// struct {
///     uint32 ticket_lifetime_hint;
///     opaque ticket<0..2^16-1>;
/// } NewSessionTicket;
/// ```
struct NewSessionTicket: Hashable, Sendable, WireCodable {
    /// Seconds the client may keep the ticket; 0 means unspecified.
    var lifetimeHint: UInt32
    var ticket: [UInt8]

    init(lifetimeHint: UInt32, ticket: [UInt8]) {
        self.lifetimeHint = lifetimeHint
        self.ticket = ticket
    }

    init(from reader: inout WireReader) throws(DecodeError) {
        lifetimeHint = try reader.readUInt32()
        ticket = try reader.readVector(lengthBytes: 2, allowed: 0...0xFFFF)
    }

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeInteger(lifetimeHint)
        buffer.writeVector(lengthBytes: 2, ticket)
    }
}
