import Testing

@testable import DTLSCore

@Suite("Record additional data")
struct RecordAdditionalDataTests {
    private static func bytes(of additionalData: RecordAdditionalData) -> [UInt8] {
        additionalData.withUnsafeBytes { Array($0) }
    }

    @Test("epoch 1, sequence 5, 10-byte application data: 00 01 00 00 00 00 00 05 17 FE FD 00 0A (RFC 7925 Appendix B)")
    func rfc7925Layout() {
        let additionalData = RecordAdditionalData(epoch: 1, sequenceNumber: 5, contentType: .applicationData, version: .dtls12, plaintextLength: 10)
        #expect(Self.bytes(of: additionalData) == [0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0x17, 0xFE, 0xFD, 0x00, 0x0A])
        #expect(Self.bytes(of: additionalData) == RecordProtectionVectors.additionalData)
        #expect(additionalData.epochAndSequence == 0x0001_0000_0000_0005)
    }

    @Test("all fields use their full width, big-endian")
    func fullWidth() {
        let additionalData = RecordAdditionalData(
            epoch: 0xABCD,
            sequenceNumber: RecordHeader.maximumSequenceNumber,
            contentType: .handshake,
            version: .dtls10,
            plaintextLength: 0x1234
        )
        #expect(Self.bytes(of: additionalData) == [0xAB, 0xCD, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x16, 0xFE, 0xFF, 0x12, 0x34])
    }
}
