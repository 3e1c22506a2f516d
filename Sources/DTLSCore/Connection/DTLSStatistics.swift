/// Why a record, fragment or datagram was discarded.
///
/// Discards are never errors (RFC 6347 §4.1.2.7): anything unauthenticated or out of place is
/// dropped and counted, and the connection carries on.
public enum DropReason: Int, CaseIterable, Sendable, CustomStringConvertible {
    /// The bytes did not form a record header, or the length ran past the datagram.
    case malformedRecord
    /// The record header named a version other than DTLS 1.0/1.2.
    case unsupportedVersion
    /// The record's epoch has no read keys (too old, or more than one ahead).
    case unknownEpoch
    /// The sequence number was seen already or is left of the replay window.
    case replayed
    /// The record did not authenticate under its epoch's keys.
    case authenticationFailed
    /// Records of the next epoch arrived before its keys and the holding queue was full.
    case futureEpochQueueFull
    /// A content type that is unknown or not allowed in this epoch or state.
    case unexpectedContentType
    /// A handshake record whose fragments did not parse.
    case malformedHandshakeFragment
    /// A fragment disagreed with earlier fragments of the same message.
    case handshakeFragmentMismatch
    /// A fragment of a message too far beyond the next expected one.
    case handshakeTooFarAhead
    /// A handshake message longer than the configured limit.
    case handshakeTooLarge
    /// Buffering the fragment would exceed the reassembly byte budget.
    case reassemblyBufferFull
    /// A ChangeCipherSpec that arrived where none can be used.
    case unexpectedChangeCipherSpec
    /// An alert that did not parse, or an unauthenticated alert after the handshake.
    case unusableAlert
    /// Application data before the handshake finished beyond what may be held.
    case earlyApplicationDataQueueFull
    /// A ClientHello without a valid cookie (answered with a HelloVerifyRequest).
    case invalidCookie
    /// A fragmented ClientHello while the cookie exchange is on (it must fit one datagram).
    case fragmentedClientHello
    /// Input after the connection closed.
    case connectionClosed
    /// A ClientHello a server refused because its handshake or connection limit was reached.
    case serverAtCapacity
    /// Incomplete epoch-0 handshake messages still buffered when the ChangeCipherSpec applied.
    case strayHandshakeFragment

    public var description: String {
        switch self {
        case .malformedRecord: "malformed record"
        case .unsupportedVersion: "unsupported record version"
        case .unknownEpoch: "unknown epoch"
        case .replayed: "replayed record"
        case .authenticationFailed: "authentication failed"
        case .futureEpochQueueFull: "future-epoch queue full"
        case .unexpectedContentType: "unexpected content type"
        case .malformedHandshakeFragment: "malformed handshake fragment"
        case .handshakeFragmentMismatch: "inconsistent handshake fragment"
        case .handshakeTooFarAhead: "handshake message too far ahead"
        case .handshakeTooLarge: "handshake message too large"
        case .reassemblyBufferFull: "reassembly buffer full"
        case .unexpectedChangeCipherSpec: "unexpected ChangeCipherSpec"
        case .unusableAlert: "unusable alert"
        case .earlyApplicationDataQueueFull: "early application data queue full"
        case .invalidCookie: "missing or invalid cookie"
        case .fragmentedClientHello: "fragmented ClientHello"
        case .connectionClosed: "input after close"
        case .strayHandshakeFragment: "stray handshake fragment"
        case .serverAtCapacity: "server at capacity"
        }
    }
}

/// Counters describing a connection's traffic.
public struct DTLSStatistics: Sendable, Hashable {
    public internal(set) var datagramsReceived = 0
    public internal(set) var datagramsSent = 0
    public internal(set) var bytesReceived = 0
    public internal(set) var bytesSent = 0
    /// Handshake datagrams (first transmissions and retransmissions).
    public internal(set) var handshakeDatagramsSent = 0
    /// Bytes in handshake datagrams.
    public internal(set) var handshakeBytesSent = 0
    /// Records that passed the replay check and authenticated (plaintext records of epoch 0 included).
    public internal(set) var recordsAuthenticated = 0
    /// Whole flights sent again, by timer or because the peer repeated its flight.
    public internal(set) var flightRetransmissions = 0
    private var drops = [Int](repeating: 0, count: DropReason.allCases.count)

    public init() {}

    /// How many times something was dropped for `reason`.
    public func drops(_ reason: DropReason) -> Int { drops[reason.rawValue] }

    /// Everything dropped, whatever the reason.
    public var totalDrops: Int { drops.reduce(0, +) }

    mutating func recordDrop(_ reason: DropReason) {
        drops[reason.rawValue] += 1
    }

    /// Adds `other`'s drop counts to these, for totals across connections.
    public mutating func addDrops(of other: DTLSStatistics) {
        for reason in DropReason.allCases { drops[reason.rawValue] += other.drops[reason.rawValue] }
    }

    /// Counts one drop by an adapter that handles datagrams outside any connection.
    public mutating func countDrop(_ reason: DropReason) {
        recordDrop(reason)
    }
}
