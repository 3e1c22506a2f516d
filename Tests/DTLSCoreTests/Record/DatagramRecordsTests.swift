import NIOCore
import Testing

@testable import DTLSCore

@Suite("Splitting datagrams into records")
struct DatagramRecordsTests {
    private static func records(in bytes: [UInt8]) -> (records: [IncomingRecord], malformed: Bool) {
        let datagram = ByteBuffer(bytes: bytes)
        var index = datagram.readerIndex
        var malformed = false
        var records: [IncomingRecord] = []
        while let record = DatagramRecords.next(in: datagram, at: &index, malformed: &malformed) { records.append(record) }
        return (records, malformed)
    }

    static let first = [UInt8](hex: "16 fefd 0000 000000000000 0003 aabbcc")
    static let second = [UInt8](hex: "15 fefd 0001 000000000007 0002 0102")

    @Test("finds every record and where its fragment lies")
    func twoRecords() {
        let (records, malformed) = Self.records(in: Self.first + Self.second)
        #expect(!malformed)
        #expect(records.map(\.header.contentType) == [.handshake, .alert])
        #expect(records.map(\.header.sequenceNumber) == [0, 7])
        #expect(records.map(\.fragmentIndex) == [13, 29])
        #expect(records.map(\.recordIndex) == [0, 16])
        #expect(records.map(\.fragmentLength) == [3, 2])
    }

    @Test("an empty datagram has no records and is not malformed")
    func empty() {
        let (records, malformed) = Self.records(in: [])
        #expect(records.isEmpty)
        #expect(!malformed)
    }

    @Test("a partial header after a good record marks the datagram malformed")
    func partialHeader() {
        let (records, malformed) = Self.records(in: Self.first + Self.second.prefix(12))
        #expect(records.count == 1)
        #expect(malformed)
    }

    @Test("a length running past the datagram marks it malformed")
    func lengthPastEnd() {
        let (records, malformed) = Self.records(in: Self.first + Self.second.dropLast())
        #expect(records.count == 1)
        #expect(malformed)
    }

    @Test("a length above 2^14 + 2048 marks it malformed")
    func lengthTooLarge() {
        let length = RecordHeader.maximumFragmentLength + 1
        let header = RecordHeader(contentType: .applicationData, version: .dtls12, epoch: 1, sequenceNumber: 0, length: UInt16(length))
        let (records, malformed) = Self.records(in: encode(header) + [UInt8](repeating: 0, count: length))
        #expect(records.isEmpty)
        #expect(malformed)
    }

    @Test("starts at the given index, not at zero")
    func startIndex() {
        var datagram = ByteBuffer(bytes: [0xEE, 0xEE] + Self.second)
        datagram.moveReaderIndex(forwardBy: 2)
        var index = datagram.readerIndex
        var malformed = false
        let record = DatagramRecords.next(in: datagram, at: &index, malformed: &malformed)
        #expect(record?.header.epoch == 1)
        #expect(record?.fragmentIndex == 15)
        #expect(index == datagram.writerIndex)
        #expect(!malformed)
    }
}
