import Crypto
import Testing

@testable import DTLSCore

@Suite("AES-CCM record protection (RFC 6655, RFC 7925 Appendix B)")
struct AESCCMRecordProtectionTests {
    typealias Vectors = RecordProtectionVectors

    static let protection = AESCCMRecordProtection(key: SymmetricKey(data: Vectors.key), salt: Vectors.salt, tagLength: 8)
    static let additionalData = RecordAdditionalData(
        epoch: Vectors.epoch,
        sequenceNumber: Vectors.sequenceNumber,
        contentType: .applicationData,
        version: .dtls12,
        plaintextLength: Vectors.payload.count
    )
    /// The protected body of the vector record: explicit nonce, ciphertext, tag.
    static let sealedBody = Array(Vectors.record[RecordHeader.size...])

    private static func open(_ body: [UInt8], additionalData: RecordAdditionalData = additionalData) -> [UInt8]? {
        var body = body
        let authentic = body.withUnsafeMutableBytes { protection.open(body: $0, additionalData: additionalData) }
        return authentic ? Array(body[8..<(body.count - 8)]) : nil
    }

    @Test("CCM-8 adds an 8-byte explicit nonce and an 8-byte tag")
    func overhead() {
        #expect(Self.protection.explicitNonceLength == 8)
        #expect(Self.protection.tagLength == 8)
        #expect(Self.protection.overhead == 16)
    }

    @Test("sealing writes explicit nonce = epoch ‖ sequence, then the ciphertext and tag of the vector")
    func seal() {
        var body = [UInt8](repeating: 0, count: 8) + Vectors.payload + [UInt8](repeating: 0, count: 8)
        body.withUnsafeMutableBytes { Self.protection.seal(body: $0, additionalData: Self.additionalData) }
        #expect(body.count == 26)
        #expect(Array(body[0..<8]) == [0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05])
        #expect(body == Self.sealedBody)
    }

    @Test("opening the vector body restores the payload")
    func open() {
        #expect(Self.open(Self.sealedBody) == Vectors.payload)
    }

    @Test("a modified nonce, ciphertext or tag byte fails", arguments: [0, 7, 8, 17, 18, 25])
    func tamperedBody(index: Int) {
        var body = Self.sealedBody
        body[index] ^= 0x80
        #expect(Self.open(body) == nil)
    }

    @Test("a record opened under other header fields fails")
    func tamperedAdditionalData() {
        var otherSequence = Self.additionalData
        otherSequence.sequenceNumber = 6
        var otherEpoch = Self.additionalData
        otherEpoch.epoch = 2
        var otherType = Self.additionalData
        otherType.contentType = .handshake
        var otherVersion = Self.additionalData
        otherVersion.version = .dtls10
        for additionalData in [otherSequence, otherEpoch, otherType, otherVersion] {
            #expect(Self.open(Self.sealedBody, additionalData: additionalData) == nil)
        }
    }

    @Test("a different key or salt fails")
    func otherKeys() {
        let otherKey = AESCCMRecordProtection(key: SymmetricKey(data: [UInt8](repeating: 0, count: 16)), salt: Vectors.salt, tagLength: 8)
        let otherSalt = AESCCMRecordProtection(key: SymmetricKey(data: Vectors.key), salt: [0xA0, 0xA1, 0xA2, 0xA4], tagLength: 8)
        for protection in [otherKey, otherSalt] {
            var body = Self.sealedBody
            #expect(!body.withUnsafeMutableBytes { protection.open(body: $0, additionalData: Self.additionalData) })
        }
    }

    @Test("a body shorter than the overhead fails")
    func shortBody() {
        var body = [UInt8](repeating: 0, count: 15)
        var additionalData = Self.additionalData
        additionalData.plaintextLength = 0
        #expect(!body.withUnsafeMutableBytes { Self.protection.open(body: $0, additionalData: additionalData) })
    }

    @Test("the client's write keys protect what the server opens with the client's keys, not its own")
    func trafficKeyDirections() {
        let keys = TrafficKeys(
            clientWriteKey: KeyScheduleVectors.clientWriteKey,
            serverWriteKey: KeyScheduleVectors.serverWriteKey,
            clientWriteIV: KeyScheduleVectors.clientWriteIV,
            serverWriteIV: KeyScheduleVectors.serverWriteIV
        )
        let algorithm = RecordProtectionAlgorithm.aesCCM(keyLength: 16, tagLength: 8)
        var body = [UInt8](repeating: 0, count: 8) + Vectors.payload + [UInt8](repeating: 0, count: 8)
        body.withUnsafeMutableBytes { keys.protection(for: .client, algorithm: algorithm).seal(body: $0, additionalData: Self.additionalData) }
        var wrongDirection = body
        #expect(
            !wrongDirection.withUnsafeMutableBytes {
                keys.protection(for: .server, algorithm: algorithm).open(body: $0, additionalData: Self.additionalData)
            })
        #expect(
            body.withUnsafeMutableBytes { keys.protection(for: .client, algorithm: algorithm).open(body: $0, additionalData: Self.additionalData) })
        #expect(Array(body[8..<18]) == Vectors.payload)
    }
}
