import DTLSCore
import DTLSSimulation
import NIOCore

/// Shared configurations and helpers for scenario tests.
enum Fixtures {
    static let identity = Array("Client_identity".utf8)
    static let key: [UInt8] = Array(0..<16)

    /// A generous retransmission budget for lossy links, so only real bugs fail a handshake.
    static let patientRetransmission = RetransmissionPolicy(initialTimeout: .seconds(1), maximumRetransmissions: 12)

    static func client(seed: UInt64 = 7, mtu: Int = 1232) -> DTLSConfiguration {
        var configuration = DTLSConfiguration.psk(identity: identity, key: key)
        configuration.randomSource = SeededRandomSource(seed: seed)
        configuration.maximumTransmissionUnit = mtu
        return configuration
    }

    static func server(seed: UInt64 = 9, mtu: Int = 1232, cookies: CookieExchange = .enabled) -> DTLSConfiguration {
        var configuration = DTLSConfiguration.psk(store: StaticPSKStore(identity: identity, key: key))
        configuration.randomSource = SeededRandomSource(seed: seed)
        configuration.maximumTransmissionUnit = mtu
        configuration.cookieExchange = cookies
        return configuration
    }

    /// Distinct application messages.
    static func messages(_ count: Int, tag: String) -> [[UInt8]] {
        (0..<count).map { Array("\(tag)-\($0)".utf8) }
    }
}

extension SimulatedPair {
    /// Lets a failure's alert reach the other side.
    func runUntilBothClosed() {
        run(until: { self.clientClosed != nil && self.serverClosed != nil }, timeLimit: .seconds(1))
    }

    /// Application payloads received on `side`, as text.
    func received(on side: Side) -> [String] {
        (side == .client ? clientReceived : serverReceived).map { String(buffer: $0) }
    }

    /// Handshake datagrams sent by `side`.
    func handshakeDatagrams(from side: Side) -> [ByteBuffer] {
        transmissions.filter { $0.from == side && $0.duringHandshake }.map(\.datagram)
    }

    /// The handshake messages `side` sent, in order of first transmission, from unprotected records.
    func handshakeFragments(from side: Side) -> [DTLSRecordSummary.Fragment] {
        transmissions.filter { $0.from == side }.flatMap { DTLSWireInspector.records(in: $0.datagram) }.flatMap(\.handshakeFragments)
    }
}
