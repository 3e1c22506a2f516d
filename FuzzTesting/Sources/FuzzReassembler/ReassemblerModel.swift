@testable import DTLSCore
import FuzzSupport
import NIOCore

/// What a reassembler must do, written plainly: per message, the bytes of accepted fragments
/// with the first copy of each byte winning; messages released in message_seq order, each
/// exactly when complete; fragments refused only for the reasons the limits give.
struct ReassemblerModel {
    private struct Message {
        var type: HandshakeType
        var length: Int
        var epoch: UInt16
        /// Whether it counts against the reassembly budget (its first fragment was partial).
        var buffered: Bool
        var bytes: [UInt8?]

        var isComplete: Bool { bytes.allSatisfy { $0 != nil } }
    }

    private(set) var nextSequence: UInt16
    private let limits: DTLSLimits
    private var messages: [UInt16: Message] = [:]
    private var bufferedBytes: Int {
        messages.values.filter(\.buffered).reduce(0) { $0 + $1.length }
    }

    init(nextSequence: UInt16, limits: DTLSLimits) {
        self.nextSequence = nextSequence
        self.limits = limits
    }

    /// Checks the reassembler's verdict on `fragment` and records its bytes if it was accepted.
    mutating func observe(_ fragment: HandshakeFragment, epoch: UInt16, outcome: HandshakeReassembler.Outcome) {
        let header = fragment.header
        let sequence = header.messageSequence
        let ahead = Int(sequence) - Int(nextSequence)
        let existing = messages[sequence]
        let matches = existing.map { $0.type == header.messageType && $0.length == header.length && $0.epoch == epoch }
        switch outcome {
        case .alreadyProcessed:
            invariant(ahead < 0, "fragment of message \(sequence) called already processed while \(nextSequence) is next")
        case .rejected(.handshakeTooFarAhead):
            invariant(ahead >= limits.maximumMessagesAhead, "message \(sequence) refused as too far ahead of \(nextSequence)")
        case .rejected(.handshakeTooLarge):
            invariant(header.length > limits.maximumHandshakeMessageLength, "message of \(header.length) bytes refused as too large")
        case .rejected(.handshakeFragmentMismatch):
            invariant(matches == false, "fragment refused as inconsistent but matches its message")
        case .rejected(.reassemblyBufferFull):
            invariant(existing == nil && bufferedBytes + header.length > limits.maximumReassemblyBytes, "fragment refused for a budget it fits")
        case .rejected(let reason):
            invariant(false, "fragment refused for an unexpected reason: \(reason)")
        case .accepted:
            invariant(ahead >= 0 && ahead < limits.maximumMessagesAhead, "accepted message \(sequence) while \(nextSequence) is next")
            invariant(header.length <= limits.maximumHandshakeMessageLength, "accepted a message of \(header.length) bytes")
            if var message = existing {
                invariant(matches == true, "accepted a fragment that contradicts its message")
                fill(&message, with: fragment)
                messages[sequence] = message
            } else {
                let buffered = !header.isUnfragmented
                invariant(!buffered || bufferedBytes + header.length <= limits.maximumReassemblyBytes, "accepted a fragment over the budget")
                var message = Message(type: header.messageType, length: header.length, epoch: epoch, buffered: buffered, bytes: Array(repeating: nil, count: header.length))
                fill(&message, with: fragment)
                messages[sequence] = message
            }
        }
    }

    /// Checks a released message against the model.
    mutating func released(_ message: HandshakeMessage) {
        invariant(message.sequence == nextSequence, "released message \(message.sequence) while \(nextSequence) is next")
        guard let expected = messages.removeValue(forKey: nextSequence), expected.isComplete else {
            invariant(false, "released message \(message.sequence) before all its bytes arrived")
            return
        }
        invariant(message.type == expected.type && message.epoch == expected.epoch, "released message has another type or epoch")
        invariant(Array(buffer: message.body) == expected.bytes.map { $0! }, "released message \(message.sequence) has other bytes than its fragments")
        nextSequence &+= 1
    }

    /// After draining, the next message must not be complete: it would have been released.
    func checkNothingComplete() {
        invariant(messages[nextSequence]?.isComplete != true, "message \(nextSequence) is complete but was not released")
    }

    private func fill(_ message: inout Message, with fragment: HandshakeFragment) {
        let offset = fragment.header.fragmentOffset
        for (index, byte) in fragment.body.readableBytesView.enumerated() where message.bytes[offset + index] == nil {
            message.bytes[offset + index] = byte
        }
    }
}
