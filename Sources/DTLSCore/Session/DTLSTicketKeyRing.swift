import Crypto
import NIOCore

/// The keys a server seals session tickets with (RFC 5077 §4), shared by every server process
/// that should resume the others' sessions.
///
/// The first key seals new tickets; every key opens them, so a key can be rotated out
/// gradually: put the new one first, keep the old ones until their tickets expire. Tickets are
/// `key_name(16) ‖ nonce(12) ‖ AES-256-GCM(state) ‖ tag(16)`, the key name authenticated too.
public struct DTLSTicketKeyRing: Sendable {
    /// One ticket key.
    public struct Key: Sendable {
        /// 16 bytes naming the key inside tickets.
        public let name: [UInt8]
        let key: SymmetricKey

        /// A key from 48 bytes of secret material: 16 for the name, 32 for AES-256-GCM.
        public init(material: [UInt8]) throws(DTLSError) {
            guard material.count == 48 else {
                throw DTLSError(.invalidConfiguration, "a ticket key needs 48 bytes (16 name, 32 key), got \(material.count)")
            }
            name = Array(material[0..<16])
            key = SymmetricKey(data: material[16..<48])
        }
    }

    public var keys: [Key]
    /// How long a ticket stays valid after its session was created.
    public var lifetime: Duration
    /// The current wall-clock time in seconds since 1970; ticket ages compare such values
    /// across processes, so every server sharing the ring must use a synchronised clock.
    public var wallClock: @Sendable () -> UInt64

    public init(keys: [Key], lifetime: Duration = .seconds(86_400), wallClock: @escaping @Sendable () -> UInt64) {
        self.keys = keys
        self.lifetime = lifetime
        self.wallClock = wallClock
    }

    /// Seals `session` with the current key.
    func seal(_ session: DTLSResumableSession, random: any DTLSRandomSource) -> [UInt8]? {
        guard let current = keys.first else { return nil }
        let nonceBytes = random.bytes(12)
        guard let nonce = try? AES.GCM.Nonce(data: nonceBytes),
            let sealed = try? AES.GCM.seal(Array(buffer: TicketState(session: session).encoded), using: current.key, nonce: nonce, authenticating: current.name)
        else { return nil }
        return current.name + nonceBytes + Array(sealed.ciphertext) + Array(sealed.tag)
    }

    /// Whether `ticket` names the current key, so re-sealing its session would gain nothing.
    func isSealedWithCurrentKey(_ ticket: [UInt8]) -> Bool {
        guard let current = keys.first, ticket.count >= current.name.count else { return false }
        return Array(ticket.prefix(current.name.count)) == current.name
    }

    /// Opens a ticket sealed by any key of the ring, if it is intact and not expired.
    func open(_ ticket: [UInt8]) -> DTLSResumableSession? {
        guard ticket.count > 16 + 12 + 16, let key = keys.first(where: { $0.name == Array(ticket[0..<16]) }) else { return nil }
        let nonceBytes = Array(ticket[16..<28])
        let tag = Array(ticket[(ticket.count - 16)...])
        let ciphertext = Array(ticket[28..<(ticket.count - 16)])
        guard let nonce = try? AES.GCM.Nonce(data: nonceBytes),
            let box = try? AES.GCM.SealedBox(nonce: nonce, ciphertext: ciphertext, tag: tag),
            let plaintext = try? AES.GCM.open(box, using: key.key, authenticating: key.name),
            let state = try? TicketState.decode(ByteBuffer(bytes: plaintext), context: "ticket")
        else { return nil }
        let age = wallClock() &- state.session.createdAt
        guard state.session.createdAt <= wallClock(), Int64(clamping: age) < lifetime.components.seconds else { return nil }
        return state.session
    }
}
