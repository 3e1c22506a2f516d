import NIOCore

/// `session_ticket` (RFC 5077 §3.2): the ticket itself, with no length prefix.
///
/// Empty in a ClientHello, it asks for a ticket; non-empty, it offers one for resumption. A
/// server sends it empty in its ServerHello when it will send a NewSessionTicket.
struct SessionTicketExtension: HelloExtensionBody, Hashable {
    static let extensionType = ExtensionType.sessionTicket

    var ticket: [UInt8]

    init(ticket: [UInt8] = []) {
        self.ticket = ticket
    }

    init(from reader: inout WireReader) throws(DecodeError) {
        ticket = try reader.readBytes(reader.remaining)
    }

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeBytes(ticket)
    }
}
