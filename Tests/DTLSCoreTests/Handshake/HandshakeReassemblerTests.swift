import NIOCore
import Testing

@testable import DTLSCore

@Suite("Handshake reassembly")
struct HandshakeReassemblerTests {
    /// A 200-byte message body with distinct bytes.
    static let body = (0..<200).map { UInt8(truncatingIfNeeded: $0 * 3 + 1) }

    private static func fragment(
        _ range: Range<Int>,
        of body: [UInt8] = body,
        sequence: UInt16 = 0,
        type: HandshakeType = .clientKeyExchange,
        length: Int? = nil
    ) -> HandshakeFragment {
        HandshakeFragment(
            header: HandshakeHeader(
                messageType: type,
                length: length ?? body.count,
                messageSequence: sequence,
                fragmentOffset: range.lowerBound,
                fragmentLength: range.count
            ),
            body: ByteBuffer(bytes: body[range])
        )
    }

    private static func whole(_ body: [UInt8], sequence: UInt16, type: HandshakeType = .clientKeyExchange) -> HandshakeFragment {
        fragment(0..<body.count, of: body, sequence: sequence, type: type)
    }

    private static func limits(messageLength: Int = 16 * 1024, reassemblyBytes: Int = 32 * 1024, messagesAhead: Int = 8) -> DTLSLimits {
        var limits = DTLSLimits()
        limits.maximumHandshakeMessageLength = messageLength
        limits.maximumReassemblyBytes = reassemblyBytes
        limits.maximumMessagesAhead = messagesAhead
        return limits
    }

    /// The next released message, which must exist.
    private static func next(
        _ reassembler: inout HandshakeReassembler,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> HandshakeMessage {
        let message = reassembler.nextMessage()
        return try #require(message, sourceLocation: sourceLocation)
    }

    @Test("an unfragmented message is released at once, with its type, sequence and epoch")
    func unfragmented() throws {
        var reassembler = HandshakeReassembler(limits: DTLSLimits())
        #expect(reassembler.isEmpty)
        #expect(reassembler.add(Self.whole(Self.body, sequence: 0), epoch: 0) == .accepted)
        #expect(!reassembler.isEmpty)
        let message = try Self.next(&reassembler)
        #expect(message.type == .clientKeyExchange)
        #expect(message.sequence == 0)
        #expect(message.epoch == 0)
        #expect(Array(buffer: message.body) == Self.body)
        #expect(reassembler.nextMessage() == nil)
        #expect(reassembler.isEmpty)
        #expect(reassembler.nextSequence == 1)
    }

    @Test("fragments out of order complete the message only when all bytes are there")
    func outOfOrder() throws {
        var reassembler = HandshakeReassembler(limits: DTLSLimits())
        #expect(reassembler.add(Self.fragment(150..<200), epoch: 0) == .accepted)
        #expect(reassembler.nextMessage() == nil)
        #expect(reassembler.add(Self.fragment(0..<50), epoch: 0) == .accepted)
        #expect(reassembler.nextMessage() == nil)
        #expect(reassembler.add(Self.fragment(50..<150), epoch: 0) == .accepted)
        #expect(Array(buffer: try Self.next(&reassembler).body) == Self.body)
    }

    @Test("a duplicate fragment changes nothing, and the message is released once")
    func duplicates() throws {
        var reassembler = HandshakeReassembler(limits: DTLSLimits())
        #expect(reassembler.add(Self.fragment(0..<100), epoch: 0) == .accepted)
        #expect(reassembler.add(Self.fragment(0..<100), epoch: 0) == .accepted)
        #expect(reassembler.nextMessage() == nil)
        #expect(reassembler.add(Self.fragment(100..<200), epoch: 0) == .accepted)
        #expect(Array(buffer: try Self.next(&reassembler).body) == Self.body)
        #expect(reassembler.nextMessage() == nil)
    }

    @Test(
        "overlapping fragments [0, 100), [50, 150), [100, 200) reassemble in any order",
        arguments: [[0, 1, 2], [2, 1, 0], [1, 0, 2], [1, 2, 0], [0, 2, 1], [2, 0, 1]]
    )
    func overlapping(order: [Int]) throws {
        let ranges = [0..<100, 50..<150, 100..<200]
        var reassembler = HandshakeReassembler(limits: DTLSLimits())
        for (step, index) in order.enumerated() {
            #expect(reassembler.add(Self.fragment(ranges[index]), epoch: 0) == .accepted)
            if step < 2 && Set(order.prefix(step + 1)) != [0, 2] {
                #expect(reassembler.nextMessage() == nil)
            }
        }
        let message = try Self.next(&reassembler)
        #expect(Array(buffer: message.body) == Self.body)
    }

    @Test("in a conflicting overlap the bytes that arrived first are kept")
    func conflictingOverlap() throws {
        var altered = Self.body
        for index in 50..<150 { altered[index] ^= 0xFF }
        var reassembler = HandshakeReassembler(limits: DTLSLimits())
        #expect(reassembler.add(Self.fragment(0..<100), epoch: 0) == .accepted)
        #expect(reassembler.add(Self.fragment(50..<150, of: altered), epoch: 0) == .accepted)
        #expect(reassembler.add(Self.fragment(150..<200), epoch: 0) == .accepted)
        let body = Array(buffer: try Self.next(&reassembler).body)
        #expect(Array(body[0..<100]) == Array(Self.body[0..<100]))
        #expect(Array(body[100..<150]) == Array(altered[100..<150]))
        #expect(Array(body[150..<200]) == Array(Self.body[150..<200]))
    }

    @Test("messages are released strictly in message_seq order")
    func strictOrder() throws {
        var reassembler = HandshakeReassembler(limits: DTLSLimits())
        #expect(reassembler.add(Self.whole([2], sequence: 2), epoch: 0) == .accepted)
        #expect(reassembler.add(Self.whole([1], sequence: 1), epoch: 0) == .accepted)
        #expect(reassembler.nextMessage() == nil)
        #expect(reassembler.add(Self.whole([0], sequence: 0), epoch: 0) == .accepted)
        var released: [UInt16] = []
        while let message = reassembler.nextMessage() {
            #expect(Array(buffer: message.body) == [UInt8(message.sequence)])
            released.append(message.sequence)
        }
        #expect(released == [0, 1, 2])
        #expect(reassembler.isEmpty)
    }

    @Test("fragments of processed messages are reported as already processed")
    func alreadyProcessed() throws {
        var reassembler = HandshakeReassembler(nextSequence: 3, limits: DTLSLimits())
        #expect(reassembler.add(Self.whole([0], sequence: 2), epoch: 0) == .alreadyProcessed)
        #expect(reassembler.add(Self.whole([0], sequence: 3), epoch: 0) == .accepted)
        _ = try Self.next(&reassembler)
        #expect(reassembler.add(Self.fragment(0..<10, sequence: 3), epoch: 0) == .alreadyProcessed)
        #expect(reassembler.isEmpty)
    }

    @Test("a message longer than the limit is rejected as too large")
    func tooLarge() {
        var reassembler = HandshakeReassembler(limits: Self.limits(messageLength: 199))
        #expect(reassembler.add(Self.fragment(0..<10), epoch: 0) == .rejected(.handshakeTooLarge))
        #expect(reassembler.add(Self.whole(Self.body, sequence: 0), epoch: 0) == .rejected(.handshakeTooLarge))
        #expect(reassembler.isEmpty)
        var exact = HandshakeReassembler(limits: Self.limits(messageLength: 200))
        #expect(exact.add(Self.fragment(0..<10), epoch: 0) == .accepted)
    }

    @Test("a message too far ahead of the next expected one is rejected")
    func tooFarAhead() {
        var reassembler = HandshakeReassembler(nextSequence: 4, limits: Self.limits(messagesAhead: 3))
        #expect(reassembler.add(Self.whole([0], sequence: 7), epoch: 0) == .rejected(.handshakeTooFarAhead))
        #expect(reassembler.add(Self.whole([0], sequence: 6), epoch: 0) == .accepted)
    }

    @Test("fragmented messages beyond the byte budget are rejected until the budget frees up")
    func budget() throws {
        var reassembler = HandshakeReassembler(limits: Self.limits(reassemblyBytes: 300))
        #expect(reassembler.add(Self.fragment(0..<100, sequence: 0), epoch: 0) == .accepted)
        #expect(reassembler.add(Self.fragment(0..<100, sequence: 1), epoch: 0) == .rejected(.reassemblyBufferFull))
        // Unfragmented messages are held as received and do not count against the budget.
        #expect(reassembler.add(Self.whole(Self.body, sequence: 2), epoch: 0) == .accepted)
        #expect(reassembler.add(Self.fragment(100..<200, sequence: 0), epoch: 0) == .accepted)
        _ = try Self.next(&reassembler)
        #expect(reassembler.add(Self.fragment(0..<100, sequence: 1), epoch: 0) == .accepted)
    }

    @Test("a fragment disagreeing with earlier ones on epoch, type or length is rejected")
    func mismatch() throws {
        var reassembler = HandshakeReassembler(limits: DTLSLimits())
        #expect(reassembler.add(Self.fragment(0..<100), epoch: 0) == .accepted)
        #expect(reassembler.add(Self.fragment(100..<200), epoch: 1) == .rejected(.handshakeFragmentMismatch))
        #expect(reassembler.add(Self.fragment(100..<200, type: .finished), epoch: 0) == .rejected(.handshakeFragmentMismatch))
        #expect(reassembler.add(Self.fragment(100..<150, length: 150), epoch: 0) == .rejected(.handshakeFragmentMismatch))
        #expect(reassembler.nextMessage() == nil)
        #expect(reassembler.add(Self.fragment(100..<200), epoch: 0) == .accepted)
        #expect(try Self.next(&reassembler).epoch == 0)
    }

    @Test("reset forgets held fragments and the budget they used")
    func reset() throws {
        var reassembler = HandshakeReassembler(limits: Self.limits(reassemblyBytes: 200))
        #expect(reassembler.add(Self.fragment(0..<100, sequence: 0), epoch: 0) == .accepted)
        reassembler.reset(nextSequence: 5)
        #expect(reassembler.isEmpty)
        #expect(reassembler.nextSequence == 5)
        #expect(reassembler.add(Self.fragment(0..<100, sequence: 5), epoch: 0) == .accepted)
        #expect(reassembler.add(Self.fragment(100..<200, sequence: 5), epoch: 0) == .accepted)
        #expect(try Self.next(&reassembler).sequence == 5)
    }

    @Test("an empty message is complete in a single fragment")
    func emptyMessage() throws {
        var reassembler = HandshakeReassembler(limits: DTLSLimits())
        #expect(reassembler.add(Self.whole([], sequence: 0, type: .serverHelloDone), epoch: 0) == .accepted)
        let message = try Self.next(&reassembler)
        #expect(message.type == .serverHelloDone)
        #expect(message.body.readableBytes == 0)
    }
}
