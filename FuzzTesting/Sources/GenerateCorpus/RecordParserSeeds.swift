import NIOCore

/// Seeds for `FuzzRecordParser`: datagrams as sent, from both sides of every exchange (the
/// first five of each, which cover most flights, and everything after the handshake).
enum RecordParserSeeds {
    static func make(from handshakes: [RecordedHandshake]) -> [Seed] {
        handshakes.flatMap { handshake in
            handshake.transmissions.enumerated()
                .filter { index, transmission in index < 5 || !transmission.duringHandshake }
                .map { index, transmission in
                    (name: "\(handshake.name)-\(index)-\(transmission.from)", bytes: Array(buffer: transmission.datagram))
                }
        }
    }
}
