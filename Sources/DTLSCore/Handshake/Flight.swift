import NIOCore

/// A group of messages sent and retransmitted together (RFC 6347 §4.2.4).
///
/// Messages are kept, not ciphertext: each (re)transmission seals them again with fresh record
/// sequence numbers, since reusing one would reuse an AEAD nonce.
struct Flight: Sendable {
    enum Item: Sendable {
        case handshake(HandshakeMessage)
        /// A ChangeCipherSpec record in the given epoch; it belongs to the flight of the Finished after it.
        case changeCipherSpec(epoch: UInt16)
    }

    var items: [Item]
    /// False for a handshake's last flight: no timer runs for it, it is only resent when the
    /// peer repeats the flight before it (RFC 6347 §4.2.4, the FINISHED state).
    var expectsResponse: Bool

    /// The handshake messages, in order.
    var messages: [HandshakeMessage] {
        items.compactMap { item in
            if case .handshake(let message) = item { return message }
            return nil
        }
    }
}

/// What a handshake state machine asks the connection to do, in order.
enum HandshakeAction: Sendable {
    /// Start the next write epoch with these keys.
    case installWriteEpoch(any RecordProtection)
    /// Start the next read epoch with these keys.
    case installReadEpoch(any RecordProtection)
    /// Send a new flight, replacing the previous one.
    case send(Flight)
    /// Hand the master secret to the key log, if one is configured.
    case exportKeyLog(clientRandom: [UInt8], masterSecret: [UInt8])
    /// Ask the driver to judge the peer's certificate chain; the handshake waits for the verdict.
    case requestPeerVerification(DTLSPeerVerificationRequest)
    /// Keep sent records, and expect received ones, within these plaintext sizes from now on.
    case limitRecordSizes(RecordSizeLimits)
    /// Put and expect these connection IDs in protected records from now on (RFC 9146).
    case useConnectionIDs(NegotiatedConnectionIDs)
    /// Keep a session in the server's cache for resumption by session ID.
    case cacheSession(DTLSResumableSession)
    /// Send a warning alert; the connection stays up.
    case sendWarning(AlertDescription)
    /// The handshake is complete.
    case complete(DTLSSessionInfo)
}

/// What a ChangeCipherSpec did to the handshake.
enum ChangeCipherSpecOutcome {
    /// It was expected now; perform these actions.
    case applied([HandshakeAction])
    /// It arrived ahead of messages that must precede it; keep it until they are processed.
    case early
    /// No ChangeCipherSpec can be used in this state (late duplicate, or out of place): drop it.
    case ignored
}

/// Numbers and records outgoing handshake messages of one handshake.
///
/// message_seq counts per endpoint (RFC 6347 §4.2.2); every message sent is appended to the
/// transcript as it is created.
struct OutgoingMessages: Sendable {
    private(set) var nextSequence: UInt16

    init(nextSequence: UInt16) {
        self.nextSequence = nextSequence
    }

    /// Numbers `body` as the next message of type `type`, to go out in `epoch`.
    mutating func make(_ type: HandshakeType, _ body: some WireEncodable, epoch: UInt16 = 0) -> HandshakeMessage {
        defer { nextSequence &+= 1 }
        return HandshakeMessage(type: type, sequence: nextSequence, body: body.encoded, epoch: epoch)
    }
}
