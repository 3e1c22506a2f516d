import DTLSCore
import DTLSSimulation
import FuzzSupport
import NIOCore

/// Seeds for `FuzzServerSession`: scripts replaying what real clients sent, at every stage.
///
/// The script's handshake is the recorded one (same configurations and seeds), so PSK records
/// replayed from a recording authenticate at the fuzzed server.
enum ServerSessionSeeds {
    static func make(from handshakes: [RecordedHandshake]) -> [Seed] {
        var seeds: [Seed] = []
        for handshake in handshakes {
            // The client's application record (its last datagram, close_notify, would end the session).
            let after = handshake.datagrams(from: .client, duringHandshake: false).dropLast().map { Array(buffer: $0) }
            let during = handshake.datagrams(from: .client, duringHandshake: true).map { Array(buffer: $0) }
            let base = SessionScript(profile: handshake.profile, features: handshake.features, cookies: handshake.cookies, smallMTU: handshake.smallMTU, steps: [])

            // After the handshake: the client's records replayed, then authenticated records of every type.
            var established = base
            established.steps = after.map { .datagram(to: .server, bytes: $0) } + after.prefix(1).map { .datagram(to: .server, bytes: $0) }
            established.steps += [
                .sealed(.applicationData, sequence: .fresh, plaintext: Array("sealed".utf8)),
                .sealed(.applicationData, sequence: .relative(60), plaintext: Array("reordered".utf8)),
                .sealed(.alert, sequence: .fresh, plaintext: [1, 100]),
                .elapse(tenths: 20),
                .send(from: .server, length: 16),
                .send(from: .client, length: 16),
            ]
            seeds.append((name: "\(handshake.name)-established", bytes: established.encoded))

            // The client's Finished follows its last unprotected message; the server expects the next.
            let next = (handshake.messages(from: .client).map(\.sequence).max() ?? 0) + 2
            let clientHello = handshake.messages(from: .client).first { $0.type == .clientHello }?.body ?? []
            var handshakeRecords = base
            handshakeRecords.steps = [
                .sealed(.handshake, sequence: .fresh, plaintext: handshakeMessage(type: .clientHello, sequence: next, body: clientHello)),
                .sealed(.changeCipherSpec, sequence: .fresh, plaintext: [1]),
                .sealed(.handshake, sequence: .fresh, plaintext: handshakeMessage(type: .finished, sequence: next - 1, body: Array(0..<12))),
                .datagram(to: .server, bytes: during.last ?? []),
                .elapse(tenths: 255),
            ]
            seeds.append((name: "\(handshake.name)-epoch1-handshake", bytes: handshakeRecords.encoded))

            // In the middle of the handshake: the client's own datagrams again, and lost time.
            for stage: UInt8 in [1, 3, 5] {
                var midway = base
                midway.stage = stage
                midway.steps = during.prefix(Int(stage)).map { .datagram(to: .server, bytes: $0) } + [.elapse(tenths: 15)]
                seeds.append((name: "\(handshake.name)-stage\(stage)", bytes: midway.encoded))
            }
        }
        return seeds
    }

    /// An unfragmented handshake message with its 12-byte header.
    private static func handshakeMessage(type: HandshakeType, sequence: UInt16, body: [UInt8]) -> [UInt8] {
        let length = [UInt8(truncatingIfNeeded: body.count >> 16), UInt8(truncatingIfNeeded: body.count >> 8), UInt8(truncatingIfNeeded: body.count)]
        var bytes = [type.rawValue] + length
        bytes.appendUInt16(sequence)
        return bytes + [0, 0, 0] + length + body
    }
}
