import NIOCore

/// Collects handshake fragments into whole messages and releases them in message_seq order
/// (RFC 6347 §4.2.2, §4.2.3).
///
/// Handles fragments that arrive out of order, twice, or overlapping (RFC 7925 Appendix C).
/// Messages of the next flight that arrive early are kept, within ``DTLSLimits``: a message
/// too long, too far ahead, or beyond the byte budget is dropped, never an error.
struct HandshakeReassembler: Sendable {
    /// What became of one fragment.
    enum Outcome: Equatable {
        /// Kept (or already held); nothing for the caller to do.
        case accepted
        /// Belongs to a message already processed: a retransmission by the peer.
        case alreadyProcessed
        /// Discarded for the given reason.
        case rejected(DropReason)
    }

    /// The message_seq the handshake expects next.
    private(set) var nextSequence: UInt16
    private var pending: [UInt16: PendingMessage] = [:]
    private var bufferedBytes = 0
    private let limits: DTLSLimits

    init(nextSequence: UInt16 = 0, limits: DTLSLimits) {
        self.nextSequence = nextSequence
        self.limits = limits
    }

    /// Whether any fragment is held: keys must not change while one is (a flight boundary check).
    var isEmpty: Bool { pending.isEmpty }

    mutating func add(_ fragment: HandshakeFragment, epoch: UInt16) -> Outcome {
        let header = fragment.header
        if header.messageSequence < nextSequence { return .alreadyProcessed }
        guard Int(header.messageSequence) - Int(nextSequence) < limits.maximumMessagesAhead else {
            return .rejected(.handshakeTooFarAhead)
        }
        guard header.length <= limits.maximumHandshakeMessageLength else { return .rejected(.handshakeTooLarge) }

        if var message = pending[header.messageSequence] {
            guard message.type == header.messageType, message.length == header.length, message.epoch == epoch else {
                return .rejected(.handshakeFragmentMismatch)
            }
            pending[header.messageSequence] = nil
            message.add(offset: header.fragmentOffset, bytes: fragment.body)
            pending[header.messageSequence] = message
            return .accepted
        }

        if header.isUnfragmented {
            pending[header.messageSequence] = PendingMessage(complete: fragment.body, type: header.messageType, epoch: epoch)
            return .accepted
        }
        guard bufferedBytes + header.length <= limits.maximumReassemblyBytes else {
            return .rejected(.reassemblyBufferFull)
        }
        bufferedBytes += header.length
        var message = PendingMessage(type: header.messageType, length: header.length, epoch: epoch)
        message.add(offset: header.fragmentOffset, bytes: fragment.body)
        pending[header.messageSequence] = message
        return .accepted
    }

    /// The next message in sequence, if it is complete.
    mutating func nextMessage() -> HandshakeMessage? {
        guard let message = pending[nextSequence], let body = message.completeBody else { return nil }
        pending[nextSequence] = nil
        if message.isBuffered { bufferedBytes -= message.length }
        defer { nextSequence &+= 1 }
        return HandshakeMessage(type: message.type, sequence: nextSequence, body: body, epoch: message.epoch)
    }

    /// Forgets the incomplete messages, still expecting the same message next.
    mutating func discardPending() {
        reset(nextSequence: nextSequence)
    }

    /// Forgets everything and expects `sequence` next.
    mutating func reset(nextSequence sequence: UInt16) {
        pending.removeAll()
        bufferedBytes = 0
        nextSequence = sequence
    }
}

/// A handshake message being put together from fragments.
private struct PendingMessage {
    let type: HandshakeType
    let length: Int
    let epoch: UInt16
    /// Set when the message arrived whole: the body slice, no copy made.
    private var whole: ByteBuffer?
    /// Otherwise the body being filled in, and the byte ranges filled so far (sorted, disjoint).
    private var bytes: [UInt8] = []
    private var covered: [Range<Int>] = []

    init(complete body: ByteBuffer, type: HandshakeType, epoch: UInt16) {
        self.type = type
        self.length = body.readableBytes
        self.epoch = epoch
        self.whole = body
    }

    init(type: HandshakeType, length: Int, epoch: UInt16) {
        self.type = type
        self.length = length
        self.epoch = epoch
        self.bytes = [UInt8](repeating: 0, count: length)
    }

    /// Whether this message counts against the reassembly byte budget.
    var isBuffered: Bool { whole == nil }

    var completeBody: ByteBuffer? {
        if let whole { return whole }
        guard covered.count == 1, covered[0] == 0..<length else { return nil }
        return ByteBuffer(bytes: bytes)
    }

    /// Copies in the bytes of `[offset, offset + count)` that are not yet filled; bytes
    /// already present are kept (first copy wins, so a conflicting overlap changes nothing).
    mutating func add(offset: Int, bytes fragment: ByteBuffer) {
        guard whole == nil else { return }
        let range = offset..<(offset + fragment.readableBytes)
        guard !range.isEmpty else { return }
        fragment.withUnsafeReadableBytes { source in
            for gap in gaps(in: range) {
                for index in gap { bytes[index] = source[index - offset] }
            }
        }
        insert(range)
    }

    private func gaps(in range: Range<Int>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = range.lowerBound
        for filled in covered where filled.upperBound > start && filled.lowerBound < range.upperBound {
            if filled.lowerBound > start { result.append(start..<filled.lowerBound) }
            start = max(start, filled.upperBound)
        }
        if start < range.upperBound { result.append(start..<range.upperBound) }
        return result
    }

    private mutating func insert(_ range: Range<Int>) {
        var merged = range
        var kept: [Range<Int>] = []
        for filled in covered {
            if filled.upperBound < merged.lowerBound || filled.lowerBound > merged.upperBound {
                kept.append(filled)
            } else {
                merged = min(filled.lowerBound, merged.lowerBound)..<max(filled.upperBound, merged.upperBound)
            }
        }
        kept.append(merged)
        covered = kept.sorted { $0.lowerBound < $1.lowerBound }
    }
}
