@testable import DTLSCore
import FuzzSupport
import NIOCore

/// Feeds one ``ReassemblerScript`` to a ``HandshakeReassembler`` and its model side by side.
struct ReassemblerHarness {
    let script: ReassemblerScript
    private var reassembler: HandshakeReassembler
    private var model: ReassemblerModel

    init(_ script: ReassemblerScript) {
        self.script = script
        let limits = Self.limits(script.limits)
        reassembler = HandshakeReassembler(nextSequence: script.initialSequence, limits: limits)
        model = ReassemblerModel(nextSequence: script.initialSequence, limits: limits)
    }

    mutating func run() {
        switch script.form {
        case .records(let records):
            for record in records {
                guard let fragments = try? HandshakeFragment.readAll(from: ByteBuffer(bytes: record.plaintext)) else { continue }
                for fragment in fragments { add(fragment, epoch: UInt16(record.epoch)) }
            }
        case .fragments(let body, let pieces):
            for piece in pieces {
                let offset = Int(piece.offset) % (body.count + 1)
                let length = Int(piece.length) % (body.count - offset + 1)
                let header = HandshakeHeader(
                    messageType: piece.flags & 8 == 0 ? .certificate : .finished,
                    length: body.count,
                    messageSequence: script.initialSequence &+ UInt16((piece.flags >> 1) & 3),
                    fragmentOffset: offset,
                    fragmentLength: length
                )
                let fragment = HandshakeFragment(header: header, body: ByteBuffer(bytes: body[offset..<(offset + length)]))
                add(fragment, epoch: UInt16(piece.flags & 1))
            }
        }
    }

    private mutating func add(_ fragment: HandshakeFragment, epoch: UInt16) {
        let outcome = reassembler.add(fragment, epoch: epoch)
        model.observe(fragment, epoch: epoch, outcome: outcome)
        while let message = reassembler.nextMessage() {
            model.released(message)
        }
        invariant(reassembler.nextSequence == model.nextSequence, "reassembler and model expect different message_seq")
        model.checkNothingComplete()
    }

    static func limits(_ choice: ReassemblerScript.Limits) -> DTLSLimits {
        var limits = DTLSLimits()
        switch choice {
        case .standard:
            break
        case .shortMessages:
            limits.maximumHandshakeMessageLength = 300
        case .smallBudget:
            limits.maximumReassemblyBytes = 600
        case .tight:
            limits.maximumHandshakeMessageLength = 200
            limits.maximumReassemblyBytes = 300
            limits.maximumMessagesAhead = 2
        }
        return limits
    }
}
