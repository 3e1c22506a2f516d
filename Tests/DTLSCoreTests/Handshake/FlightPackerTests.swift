import Crypto
import NIOCore
import Testing

@testable import DTLSCore

@Suite("Packing flights into datagrams")
struct FlightPackerTests {
    static let mtus = [64, 100, 256, 576, 1232]

    private static func body(_ length: Int, seed: Int) -> ByteBuffer {
        ByteBuffer(bytes: (0..<length).map { UInt8(truncatingIfNeeded: $0 * 7 + seed) })
    }

    /// A flight like a client's flight 5, with a large message added: epoch-0 messages, a
    /// ChangeCipherSpec, then epoch-1 messages.
    static let flight = Flight(
        items: [
            .handshake(HandshakeMessage(type: .clientKeyExchange, sequence: 2, body: body(300, seed: 1), epoch: 0)),
            .handshake(HandshakeMessage(type: .serverHelloDone, sequence: 3, body: ByteBuffer(), epoch: 0)),
            .changeCipherSpec(epoch: 0),
            .handshake(HandshakeMessage(type: .finished, sequence: 4, body: body(12, seed: 2), epoch: 1)),
            .handshake(HandshakeMessage(type: .certificate, sequence: 5, body: body(2000, seed: 3), epoch: 1)),
        ],
        expectsResponse: true
    )

    private static func protection() -> any RecordProtection {
        AESCCMRecordProtection(key: SymmetricKey(data: [UInt8](repeating: 0x42, count: 16)), salt: [1, 2, 3, 4], tagLength: 8)
    }

    /// A sender with write epoch 1 and a receiver that can read epochs 0 and 1.
    private static func layers() -> (sender: RecordLayer, receiver: RecordLayer) {
        var sender = RecordLayer()
        sender.installWriteEpoch(protection())
        var receiver = RecordLayer()
        receiver.installReadEpoch(protection())
        return (sender, receiver)
    }

    /// One record as received: its header and decrypted plaintext.
    struct ReceivedRecord {
        var header: RecordHeader
        var plaintext: [UInt8]
    }

    /// Opens every record of `datagrams`; any record that does not open is recorded as an issue.
    private static func open(_ datagrams: [ByteBuffer], with receiver: inout RecordLayer) -> [ReceivedRecord] {
        var records: [ReceivedRecord] = []
        for var datagram in datagrams {
            var index = datagram.readerIndex
            var malformed = false
            while let record = DatagramRecords.next(in: datagram, at: &index, malformed: &malformed) {
                guard case .plaintext(_, let plaintext) = receiver.open(record, in: &datagram) else {
                    Issue.record("record \(record.header.epoch)/\(record.header.sequenceNumber) did not open")
                    continue
                }
                records.append(ReceivedRecord(header: record.header, plaintext: Array(buffer: plaintext)))
            }
            #expect(!malformed)
        }
        return records
    }

    @Test("no datagram exceeds the MTU", arguments: mtus)
    func withinMTU(mtu: Int) throws {
        var (sender, _) = Self.layers()
        let datagrams = try FlightPacker.datagrams(for: Self.flight, maximumTransmissionUnit: mtu, recordLayer: &sender)
        #expect(!datagrams.isEmpty)
        for datagram in datagrams {
            #expect(datagram.readableBytes <= mtu)
            #expect(datagram.readableBytes > 0)
        }
    }

    @Test("the fragments of each message cover it exactly once, in its epoch", arguments: mtus)
    func exactCoverage(mtu: Int) throws {
        var (sender, receiver) = Self.layers()
        let datagrams = try FlightPacker.datagrams(for: Self.flight, maximumTransmissionUnit: mtu, recordLayer: &sender)
        let records = Self.open(datagrams, with: &receiver)

        #expect(records.filter { $0.header.contentType == .changeCipherSpec }.map(\.plaintext) == [[0x01]])
        var fragments: [UInt16: [(HandshakeFragment, UInt16)]] = [:]
        for record in records where record.header.contentType == .handshake {
            for fragment in try HandshakeFragment.readAll(from: ByteBuffer(bytes: record.plaintext)) {
                fragments[fragment.header.messageSequence, default: []].append((fragment, record.header.epoch))
            }
        }
        for message in Self.flight.messages {
            let pieces = try #require(fragments[message.sequence], "message \(message.sequence) missing")
            var covered = 0
            for (fragment, epoch) in pieces.sorted(by: { $0.0.header.fragmentOffset < $1.0.header.fragmentOffset }) {
                #expect(epoch == message.epoch)
                #expect(fragment.header.messageType == message.type)
                #expect(fragment.header.length == message.body.readableBytes)
                #expect(fragment.header.fragmentOffset == covered, "gap or overlap in message \(message.sequence)")
                let expected = message.body.getSlice(
                    at: message.body.readerIndex + fragment.header.fragmentOffset, length: fragment.header.fragmentLength)
                #expect(fragment.body == expected)
                covered += fragment.header.fragmentLength
            }
            #expect(covered == message.body.readableBytes)
        }
    }

    @Test("records keep the flight's order")
    func order() throws {
        var (sender, receiver) = Self.layers()
        let datagrams = try FlightPacker.datagrams(for: Self.flight, maximumTransmissionUnit: 256, recordLayer: &sender)
        let kinds = Self.open(datagrams, with: &receiver).map { record -> String in
            if record.header.contentType == .changeCipherSpec { return "CCS" }
            return "\(record.plaintext[0])"
        }
        var collapsed: [String] = []
        for kind in kinds where collapsed.last != kind { collapsed.append(kind) }
        #expect(collapsed == ["16", "14", "CCS", "20", "11"])
    }

    @Test("a small flight shares one datagram")
    func packsRecordsTogether() throws {
        var (sender, _) = Self.layers()
        var small = Self.flight
        small.items.removeLast()
        let datagrams = try FlightPacker.datagrams(for: small, maximumTransmissionUnit: 1232, recordLayer: &sender)
        #expect(datagrams.count == 1)
    }

    @Test("records carry at most 2^14 bytes of plaintext, even when the MTU allows more")
    func recordSizeLimit() throws {
        var (sender, receiver) = Self.layers()
        let large = Flight(
            items: [.handshake(HandshakeMessage(type: .certificate, sequence: 0, body: Self.body(40_000, seed: 4), epoch: 1))],
            expectsResponse: true
        )
        let datagrams = try FlightPacker.datagrams(for: large, maximumTransmissionUnit: 65507, recordLayer: &sender)
        let records = Self.open(datagrams, with: &receiver)
        #expect(records.count == 3)
        for record in records {
            #expect(record.plaintext.count <= 1 << 14)
        }
        #expect(records.map(\.plaintext.count).reduce(0, +) == 40_000 + 3 * HandshakeHeader.size)
    }

    @Test("packing again seals every record with fresh sequence numbers", arguments: mtus)
    func resealing(mtu: Int) throws {
        var (sender, receiver) = Self.layers()
        let first = try FlightPacker.datagrams(for: Self.flight, maximumTransmissionUnit: mtu, recordLayer: &sender)
        let second = try FlightPacker.datagrams(for: Self.flight, maximumTransmissionUnit: mtu, recordLayer: &sender)
        let firstRecords = Self.open(first, with: &receiver)
        let secondRecords = Self.open(second, with: &receiver)

        #expect(firstRecords.count == secondRecords.count)
        #expect(firstRecords.map(\.plaintext) == secondRecords.map(\.plaintext))
        for epoch: UInt16 in [0, 1] {
            let firstNumbers = firstRecords.filter { $0.header.epoch == epoch }.map(\.header.sequenceNumber)
            let secondNumbers = secondRecords.filter { $0.header.epoch == epoch }.map(\.header.sequenceNumber)
            #expect(firstNumbers == Array(0..<UInt64(firstNumbers.count)))
            #expect(secondNumbers == Array(UInt64(firstNumbers.count)..<UInt64(firstNumbers.count + secondNumbers.count)))
        }
        let firstCiphertexts = first.map { Array(buffer: $0) }
        let secondCiphertexts = second.map { Array(buffer: $0) }
        #expect(firstCiphertexts != secondCiphertexts)
    }
}
