import NIOCore
import Testing

@testable import DTLSCore

/// Every decoder meets random and mutated input: it must throw or decode, never trap, and
/// whatever it decodes must survive a re-encoding.
@Suite("Decoders on random input")
struct RandomInputDecodingTests {
    struct Decoder: Sendable, CustomTestStringConvertible {
        var name: String
        /// Valid encodings to mutate.
        var seeds: [[UInt8]]
        /// Decodes the input; if that works, checks decode(encode(x)) == x. Returns whether it decoded.
        var check: @Sendable ([UInt8]) -> Bool

        init<T: WireCodable & Equatable & Sendable>(_: T.Type, seeds: [[UInt8]]) {
            name = "\(T.self)"
            self.seeds = seeds
            check = { bytes in
                guard let value = try? decode(T.self, bytes) else { return false }
                #expect((try? decode(T.self, encode(value))) == value, "\(T.self) from \(bytes)")
                return true
            }
        }

        var testDescription: String { name }
    }

    static let decoders = [
        Decoder(RecordHeader.self, seeds: [[UInt8](hex: "17 fefd 0001 000000000005 001a")]),
        Decoder(HandshakeHeader.self, seeds: [[UInt8](hex: "10 000123 0002 000010 000020")]),
        Decoder(Alert.self, seeds: [[0x02, 0x28]]),
        Decoder(ChangeCipherSpec.self, seeds: [[0x01]]),
        Decoder(ClientHello.self, seeds: [ClientHelloTests.bytes, ClientHelloTests.bytesWithoutExtensions]),
        Decoder(ServerHello.self, seeds: [ServerHelloTests.bytes, ServerHelloTests.bytesWithoutExtensions]),
        Decoder(HelloVerifyRequest.self, seeds: [HelloVerifyRequestTests.bytes]),
        Decoder(PSKServerKeyExchange.self, seeds: [PSKKeyExchangeTests.identityBytes]),
        Decoder(PSKClientKeyExchange.self, seeds: [PSKKeyExchangeTests.identityBytes]),
        Decoder(Finished.self, seeds: [FinishedTests.verifyData]),
        Decoder(ServerHelloDone.self, seeds: [[]]),
        Decoder(HelloRequest.self, seeds: [[]]),
        Decoder(HelloExtensions.self, seeds: [HelloExtensionsTests.bytes]),
        Decoder(ServerNameExtension.self, seeds: [ServerNameExtensionTests.bytes]),
        Decoder(ServerNameAcknowledgement.self, seeds: [[]]),
        Decoder(RenegotiationInfoExtension.self, seeds: [[0x03, 0xAA, 0xBB, 0xCC]]),
        Decoder(ExtendedMasterSecretExtension.self, seeds: [[]]),
    ]

    /// `bytes` with one random mutation: flipped bits, a changed byte, a cut, or inserted bytes.
    private static func mutate(_ bytes: [UInt8], using generator: inout SeededGenerator) -> [UInt8] {
        var bytes = bytes
        switch Int.random(in: 0..<4, using: &generator) {
        case 0 where !bytes.isEmpty:
            let index = Int.random(in: 0..<bytes.count, using: &generator)
            bytes[index] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &generator)
        case 1 where !bytes.isEmpty:
            bytes[Int.random(in: 0..<bytes.count, using: &generator)] = [0x00, 0x01, 0x7F, 0x80, 0xFF].randomElement(using: &generator)!
        case 2 where !bytes.isEmpty:
            bytes.removeLast(Int.random(in: 1...bytes.count, using: &generator))
        default:
            let index = Int.random(in: 0...bytes.count, using: &generator)
            bytes.insert(contentsOf: generator.bytes(Int.random(in: 1...4, using: &generator)), at: index)
        }
        return bytes
    }

    @Test("random bytes never trap a decoder", arguments: decoders)
    func randomBytes(decoder: Decoder) {
        var generator = SeededGenerator(seed: 0xD7_15)
        var failures = 0
        for _ in 0..<2_000 {
            if !decoder.check(generator.bytes(Int.random(in: 0...80, using: &generator))) { failures += 1 }
        }
        #expect(failures > 0, "random input should not always decode")
    }

    @Test("mutated valid encodings never trap a decoder", arguments: decoders)
    func mutatedEncodings(decoder: Decoder) {
        var generator = SeededGenerator(seed: 0x5EED)
        for seed in decoder.seeds {
            #expect(decoder.check(seed), "the seed itself must decode")
            var bytes = seed
            for round in 0..<3_000 {
                if round % 4 == 0 { bytes = seed }
                bytes = Self.mutate(bytes, using: &generator)
                _ = decoder.check(bytes)
            }
        }
    }

    @Test("random datagrams never trap record splitting, fragment reading or inspection")
    func randomDatagrams() {
        var generator = SeededGenerator(seed: 0xDA7A)
        let valid =
            [UInt8](hex: "16 fefd 0000 000000000000 0018") + [UInt8](hex: "0e 000000 0003 000000 000000  14 00000c 0004 000000 00000c")
            + [UInt8](repeating: 0xAB, count: 12)
        var records = 0
        for round in 0..<5_000 {
            let bytes = round % 2 == 0 ? generator.bytes(Int.random(in: 0...120, using: &generator)) : Self.mutate(valid, using: &generator)
            let datagram = ByteBuffer(bytes: bytes)
            var index = datagram.readerIndex
            var malformed = false
            while let record = DatagramRecords.next(in: datagram, at: &index, malformed: &malformed) {
                records += 1
                #expect(record.fragmentIndex + record.fragmentLength <= bytes.count)
                _ = try? HandshakeFragment.readAll(from: datagram.getSlice(at: record.fragmentIndex, length: record.fragmentLength)!)
            }
            _ = DTLSWireInspector.records(in: datagram)
        }
        #expect(records > 0)
    }
}
