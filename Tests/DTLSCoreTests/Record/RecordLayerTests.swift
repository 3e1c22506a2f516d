import Crypto
import NIOCore
import Testing

@testable import DTLSCore

@Suite("Record layer")
struct RecordLayerTests {
    typealias Vectors = RecordProtectionVectors

    private static func protection() -> any RecordProtection {
        AESCCMRecordProtection(key: SymmetricKey(data: Vectors.key), salt: Vectors.salt, tagLength: 8)
    }

    /// A sender with write epoch 1 and a receiver with read epoch 1, both under the vector keys.
    private static func pair() -> (sender: RecordLayer, receiver: RecordLayer) {
        var sender = RecordLayer()
        sender.installWriteEpoch(protection())
        var receiver = RecordLayer()
        receiver.installReadEpoch(protection())
        return (sender, receiver)
    }

    /// One record carrying `payload`, sealed by `layer`.
    private static func seal(
        _ payload: [UInt8],
        type: ContentType = .applicationData,
        epoch: UInt16,
        with layer: inout RecordLayer
    ) throws -> [UInt8] {
        var datagram = ByteBuffer()
        try layer.appendRecord(type: type, payload: ByteBuffer(bytes: payload), epoch: epoch, to: &datagram)
        return Array(buffer: datagram)
    }

    /// Opens the single record of `bytes` (the bytes are copied, so the caller's stay intact).
    private static func open(_ bytes: [UInt8], with layer: inout RecordLayer) throws -> RecordLayer.OpenResult {
        var datagram = ByteBuffer(bytes: bytes)
        var index = datagram.readerIndex
        var malformed = false
        let record = try #require(DatagramRecords.next(in: datagram, at: &index, malformed: &malformed))
        return layer.open(record, in: &datagram)
    }

    private static func plaintext(_ result: RecordLayer.OpenResult) -> (ContentType, [UInt8])? {
        guard case .plaintext(let type, let bytes) = result else { return nil }
        return (type, Array(buffer: bytes))
    }

    private static func dropReason(_ result: RecordLayer.OpenResult) -> DropReason? {
        guard case .dropped(let reason) = result else { return nil }
        return reason
    }

    @Test("epoch 1, sequence 5: the record matches the RFC 7925 Appendix B layout and the vector")
    func rfc7925Record() throws {
        var (sender, _) = Self.pair()
        for _ in 0..<5 { _ = try Self.seal([0], epoch: 1, with: &sender) }
        let record = try Self.seal(Vectors.payload, epoch: 1, with: &sender)
        #expect(record == Vectors.record)
        #expect(record.count == Vectors.payload.count + 29)
        #expect(Array(record[11..<13]) == [0x00, 0x1A])
        #expect(Array(record[13..<21]) == Array(record[3..<11]))
        #expect(sender.recordOverhead(epoch: 1) == 29)
    }

    @Test("a sealed record opens to its payload; the same record again is a replay")
    func roundTripAndReplay() throws {
        var (sender, receiver) = Self.pair()
        let record = try Self.seal(Vectors.payload, epoch: 1, with: &sender)
        let opened = try #require(Self.plaintext(try Self.open(record, with: &receiver)))
        #expect(opened.0 == .applicationData)
        #expect(opened.1 == Vectors.payload)
        #expect(receiver.hasAuthenticatedRecords(inEpoch: 1))
        #expect(Self.dropReason(try Self.open(record, with: &receiver)) == .replayed)
    }

    @Test("a tampered record is dropped and does not move the replay window")
    func tampered() throws {
        var (sender, receiver) = Self.pair()
        let record = try Self.seal(Vectors.payload, epoch: 1, with: &sender)
        var tampered = record
        tampered[20] ^= 0x01
        #expect(Self.dropReason(try Self.open(tampered, with: &receiver)) == .authenticationFailed)
        #expect(!receiver.hasAuthenticatedRecords(inEpoch: 1))
        #expect(Self.plaintext(try Self.open(record, with: &receiver))?.1 == Vectors.payload)
    }

    @Test("a record shorter than the protection overhead fails authentication")
    func shorterThanOverhead() throws {
        var (_, receiver) = Self.pair()
        let header = RecordHeader(contentType: .applicationData, version: .dtls12, epoch: 1, sequenceNumber: 0, length: 15)
        let record = encode(header) + [UInt8](repeating: 0, count: 15)
        #expect(Self.dropReason(try Self.open(record, with: &receiver)) == .authenticationFailed)
    }

    @Test("the next epoch is a future epoch; any other unknown epoch is dropped")
    func epochs() throws {
        var (sender, _) = Self.pair()
        let epoch1 = try Self.seal(Vectors.payload, epoch: 1, with: &sender)
        let epoch2 =
            encode(RecordHeader(contentType: .applicationData, version: .dtls12, epoch: 2, sequenceNumber: 0, length: 16))
            + [UInt8](repeating: 0, count: 16)

        var fresh = RecordLayer()
        #expect(fresh.currentReadEpoch == 0)
        guard case .futureEpoch = try Self.open(epoch1, with: &fresh) else {
            Issue.record("an epoch-1 record before its keys should be a future epoch")
            return
        }
        #expect(Self.dropReason(try Self.open(epoch2, with: &fresh)) == .unknownEpoch)

        fresh.installReadEpoch(Self.protection())
        #expect(fresh.currentReadEpoch == 1)
        guard case .futureEpoch = try Self.open(epoch2, with: &fresh) else {
            Issue.record("an epoch-2 record while epoch 1 is current should be a future epoch")
            return
        }
        #expect(Self.plaintext(try Self.open(epoch1, with: &fresh))?.1 == Vectors.payload)
    }

    @Test("epoch 0 stays readable until old epochs are retired")
    func retireOldEpochs() throws {
        var plainSender = RecordLayer()
        let epoch0 = try Self.seal([1, 2, 3], type: .handshake, epoch: 0, with: &plainSender)
        let epoch0Again = try Self.seal([4, 5, 6], type: .handshake, epoch: 0, with: &plainSender)
        var (_, receiver) = Self.pair()
        #expect(Self.plaintext(try Self.open(epoch0, with: &receiver))?.1 == [1, 2, 3])
        receiver.retireOldReadEpochs()
        #expect(Self.dropReason(try Self.open(epoch0Again, with: &receiver)) == .unknownEpoch)
    }

    @Test("epoch 0 is unprotected: the payload follows the header as is")
    func epochZero() throws {
        var layer = RecordLayer()
        let record = try Self.seal([0x01], type: .changeCipherSpec, epoch: 0, with: &layer)
        #expect(record == [UInt8](hex: "14 fefd 0000 000000000000 0001 01"))
        #expect(layer.recordOverhead(epoch: 0) == RecordHeader.size)
        var receiver = RecordLayer()
        let opened = try #require(Self.plaintext(try Self.open(record, with: &receiver)))
        #expect(opened.0 == .changeCipherSpec)
        #expect(opened.1 == [0x01])
    }

    @Test("DTLS 1.0 records are accepted only in epoch 0; other versions are dropped")
    func versions() throws {
        var receiver = RecordLayer()
        let dtls10 = encode(RecordHeader(contentType: .handshake, version: .dtls10, epoch: 0, sequenceNumber: 0, length: 1)) + [7]
        let tls12 =
            encode(RecordHeader(contentType: .handshake, version: ProtocolVersion(rawValue: 0x0303), epoch: 0, sequenceNumber: 1, length: 1)) + [7]
        #expect(Self.plaintext(try Self.open(dtls10, with: &receiver))?.1 == [7])
        #expect(Self.dropReason(try Self.open(tls12, with: &receiver)) == .unsupportedVersion)

        var (_, protected) = Self.pair()
        let dtls10Epoch1 =
            encode(RecordHeader(contentType: .applicationData, version: .dtls10, epoch: 1, sequenceNumber: 0, length: 16))
            + [UInt8](repeating: 0, count: 16)
        #expect(Self.dropReason(try Self.open(dtls10Epoch1, with: &protected)) == .unsupportedVersion)
    }

    @Test("each epoch numbers its records from its own counter, and old write epochs stay usable")
    func sequenceNumbers() throws {
        var layer = RecordLayer()
        layer.setInitialSequence(7)
        let first = try Self.seal([0], epoch: 0, with: &layer)
        layer.installWriteEpoch(Self.protection())
        #expect(layer.currentWriteEpoch == 1)
        let protected = try Self.seal([0], epoch: 1, with: &layer)
        let second = try Self.seal([0], epoch: 0, with: &layer)
        let firstHeader = try decode(RecordHeader.self, Array(first.prefix(13)))
        let protectedHeader = try decode(RecordHeader.self, Array(protected.prefix(13)))
        let secondHeader = try decode(RecordHeader.self, Array(second.prefix(13)))
        #expect(firstHeader.sequenceNumber == 7)
        #expect(protectedHeader.epoch == 1)
        #expect(protectedHeader.sequenceNumber == 0)
        #expect(secondHeader.epoch == 0)
        #expect(secondHeader.sequenceNumber == 8)
    }

    @Test("writing in an epoch without keys is an internal error")
    func unknownWriteEpoch() {
        var layer = RecordLayer()
        var datagram = ByteBuffer()
        let error = #expect(throws: DTLSError.self) {
            try layer.appendRecord(type: .applicationData, payload: ByteBuffer(), epoch: 1, to: &datagram)
        }
        #expect(error?.code == .internalError)
        #expect(datagram.readableBytes == 0)
    }

    @Test("after sequence number 2^48 - 1 the epoch refuses to write")
    func sequenceExhaustion() throws {
        var layer = RecordLayer()
        layer.setInitialSequence(RecordHeader.maximumSequenceNumber)
        let last = try Self.seal([0], epoch: 0, with: &layer)
        #expect(try decode(RecordHeader.self, Array(last.prefix(13))).sequenceNumber == RecordHeader.maximumSequenceNumber)
        var datagram = ByteBuffer()
        let error = #expect(throws: DTLSError.self) {
            try layer.appendRecord(type: .applicationData, payload: ByteBuffer(), epoch: 0, to: &datagram)
        }
        #expect(error?.code == .sequenceNumbersExhausted)
    }
}
