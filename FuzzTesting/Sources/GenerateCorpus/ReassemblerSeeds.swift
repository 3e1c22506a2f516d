import DTLSCore
import DTLSSimulation
import FuzzSupport
import NIOCore

/// Seeds for `FuzzReassembler`: each side's unprotected handshake records from every exchange
/// (whole and fragmented flights), and one body cut into overlapping, reordered pieces.
enum ReassemblerSeeds {
    static func make(from handshakes: [RecordedHandshake]) -> [Seed] {
        var seeds: [Seed] = []
        for handshake in handshakes {
            for side in [SimulatedPair.Side.client, .server] {
                let records = handshake.datagrams(from: side, duringHandshake: true)
                    .flatMap { DTLSWireInspector.records(in: $0) }
                    .filter { $0.contentType == .handshake && $0.epoch == 0 }
                let plaintexts = records.map { record in
                    ReassemblerScript.Record(epoch: 0, plaintext: record.handshakeFragments.flatMap(encode))
                }
                let first = records.flatMap(\.handshakeFragments).map(\.messageSequence).min() ?? 0
                let script = ReassemblerScript(initialSequence: first, form: .records(plaintexts))
                seeds.append((name: "\(handshake.name)-\(side)", bytes: script.encoded))
            }
        }
        let body = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let pieces = [
            ReassemblerScript.Piece(offset: 100, length: 120),
            ReassemblerScript.Piece(offset: 0, length: 150),
            ReassemblerScript.Piece(flags: 2, offset: 0, length: 300),
            ReassemblerScript.Piece(offset: 200, length: 100),
            ReassemblerScript.Piece(flags: 8, offset: 0, length: 10),
        ]
        for limits in ReassemblerScript.Limits.allCases {
            let script = ReassemblerScript(limits: limits, initialSequence: 0xFFFE, form: .fragments(body: body, pieces: pieces))
            seeds.append((name: "pieces-\(limits)", bytes: script.encoded))
        }
        return seeds
    }

    /// A fragment as it appears on the wire: its 12-byte header, then its bytes.
    private static func encode(_ fragment: DTLSRecordSummary.Fragment) -> [UInt8] {
        var bytes = [fragment.messageType.rawValue]
        bytes += uint24(fragment.messageLength)
        bytes.appendUInt16(fragment.messageSequence)
        bytes += uint24(fragment.fragmentOffset) + uint24(fragment.fragmentLength)
        return bytes + fragment.bytes
    }

    private static func uint24(_ value: Int) -> [UInt8] {
        [UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)]
    }
}
