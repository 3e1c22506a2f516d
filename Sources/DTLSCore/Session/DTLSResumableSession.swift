import NIOCore

/// What it takes to resume a session with an abbreviated handshake (RFC 5246 §7.3, RFC 5077).
///
/// A client gets one from ``DTLSSessionInfo/resumableSession`` after a handshake and offers it
/// through ``DTLSConfiguration/sessionToResume``. It holds the master secret: keep it as secret
/// as a key.
public struct DTLSResumableSession: Sendable, Hashable {
    public let cipherSuite: CipherSuite
    /// Whether the session's master secret was derived with RFC 7627; a session is only ever
    /// resumed under the same setting (RFC 7627 §5.3).
    public let extendedMasterSecret: Bool
    /// The server-assigned session ID (empty when only a ticket identifies the session).
    public let sessionID: [UInt8]
    /// The RFC 5077 ticket the server issued, if any.
    public let ticket: [UInt8]?
    /// The PSK identity the session was authenticated with, if any.
    public let pskIdentity: [UInt8]?
    /// The peer's public key (DER SubjectPublicKeyInfo) when it authenticated with one.
    public let peerSubjectPublicKeyInfo: [UInt8]?
    /// Server side: when the session was created, in wall-clock seconds (for ticket lifetimes).
    let createdAt: UInt64
    let masterSecret: [UInt8]

    init(
        cipherSuite: CipherSuite,
        extendedMasterSecret: Bool,
        sessionID: [UInt8],
        ticket: [UInt8]?,
        pskIdentity: [UInt8]?,
        peerSubjectPublicKeyInfo: [UInt8]?,
        createdAt: UInt64,
        masterSecret: [UInt8]
    ) {
        self.cipherSuite = cipherSuite
        self.extendedMasterSecret = extendedMasterSecret
        self.sessionID = sessionID
        self.ticket = ticket
        self.pskIdentity = pskIdentity
        self.peerSubjectPublicKeyInfo = peerSubjectPublicKeyInfo
        self.createdAt = createdAt
        self.masterSecret = masterSecret
    }

    /// The same session carrying a new ticket.
    func with(ticket: [UInt8]?, sessionID: [UInt8]) -> DTLSResumableSession {
        DTLSResumableSession(
            cipherSuite: cipherSuite,
            extendedMasterSecret: extendedMasterSecret,
            sessionID: sessionID,
            ticket: ticket,
            pskIdentity: pskIdentity,
            peerSubjectPublicKeyInfo: peerSubjectPublicKeyInfo,
            createdAt: createdAt,
            masterSecret: masterSecret
        )
    }
}

/// The session state sealed inside a ticket.
///
/// ```
/// struct {
///     uint8 version = 1;
///     CipherSuite cipher_suite;
///     uint8 extended_master_secret;
///     uint64 created_at;              // wall-clock seconds
///     opaque master_secret[48];
///     opaque psk_identity<0..2^16-1>;
///     opaque peer_spki<0..2^16-1>;
/// } TicketState;
/// ```
struct TicketState: Hashable, Sendable, WireCodable {
    static let version: UInt8 = 1

    var session: DTLSResumableSession

    init(session: DTLSResumableSession) {
        self.session = session
    }

    init(from reader: inout WireReader) throws(DecodeError) {
        guard try reader.readUInt8() == Self.version else { throw reader.illegal("ticket state version") }
        let suite = CipherSuite(rawValue: try reader.readUInt16())
        let extendedMasterSecret = try reader.readUInt8() == 1
        let created = try reader.readUInt64()
        let master = try reader.readBytes(KeySchedule.masterSecretLength)
        let identity = try reader.readVector(lengthBytes: 2, allowed: 0...0xFFFF)
        let spki = try reader.readVector(lengthBytes: 2, allowed: 0...0xFFFF)
        session = DTLSResumableSession(
            cipherSuite: suite,
            extendedMasterSecret: extendedMasterSecret,
            sessionID: [],
            ticket: nil,
            pskIdentity: identity.isEmpty ? nil : identity,
            peerSubjectPublicKeyInfo: spki.isEmpty ? nil : spki,
            createdAt: created,
            masterSecret: master
        )
    }

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeInteger(Self.version)
        buffer.writeInteger(session.cipherSuite.rawValue)
        buffer.writeInteger(UInt8(session.extendedMasterSecret ? 1 : 0))
        buffer.writeInteger(session.createdAt)
        buffer.writeBytes(session.masterSecret)
        buffer.writeVector(lengthBytes: 2, session.pskIdentity ?? [])
        buffer.writeVector(lengthBytes: 2, session.peerSubjectPublicKeyInfo ?? [])
    }
}
