import Testing

@testable import DTLSCore

@Suite("Record header codec")
struct RecordHeaderTests {
    static let header = RecordHeader(contentType: .applicationData, version: .dtls12, epoch: 1, sequenceNumber: 5, length: 26)
    static let bytes = [UInt8](hex: "17 fefd 0001 000000000005 001a")

    @Test("encodes type, version, epoch, 48-bit sequence number and length in 13 bytes")
    func byteVector() throws {
        #expect(Self.bytes.count == RecordHeader.size)
        try expectCodec(Self.header, Self.bytes)
    }

    @Test("round-trips extreme field values")
    func roundTrip() throws {
        try expectRoundTrip(
            RecordHeader(
                contentType: ContentType(rawValue: 0xFF), version: ProtocolVersion(rawValue: 0), epoch: .max,
                sequenceNumber: RecordHeader.maximumSequenceNumber, length: .max)
        )
        try expectRoundTrip(RecordHeader(contentType: .handshake, version: .dtls10, epoch: 0, sequenceNumber: 0, length: 0))
        #expect(
            encode(RecordHeader(contentType: .alert, version: .dtls12, epoch: 0, sequenceNumber: 0x0102_0304_0506, length: 2))[5..<11] == [
                1, 2, 3, 4, 5, 6,
            ])
    }

    @Test("no strict prefix decodes")
    func prefixes() {
        expectStrictPrefixesFail(RecordHeader.self, Self.bytes)
        #expect(decodeFailure(RecordHeader.self, Array(Self.bytes.prefix(12))) == .truncated)
    }

    @Test("trailing bytes are rejected")
    func trailing() {
        #expect(decodeFailure(RecordHeader.self, Self.bytes + [0]) == .trailingBytes)
    }
}
