import DTLSCore
import DTLSSimulation
import FuzzSupport
import NIOCore

/// Plays one ``SessionScript`` against an in-memory client and server.
final class SessionRun {
    let script: SessionScript
    let pair: SimulatedPair
    let maximumTransmissionUnit: Int
    private let keyLog: KeyLogRecorder
    private var sealer: ClientRecordSealer?
    /// Datagrams the script handed to the server (raw and sealed), in order.
    private(set) var injected: [ByteBuffer] = []

    init(_ script: SessionScript) {
        self.script = script
        maximumTransmissionUnit = script.smallMTU ? FuzzConfigurations.smallMTU : FuzzConfigurations.defaultMTU
        keyLog = KeyLogRecorder()
        pair = FuzzPairs.make(
            profile: script.profile,
            features: script.features,
            cookies: script.cookieExchange,
            mtu: maximumTransmissionUnit,
            keyLog: keyLog
        )
    }

    func execute() {
        if script.stage == 0 {
            invariant(pair.runHandshake(), "the handshake before the fuzz input failed")
            invariant(pair.clientSession?.resumed == script.features.resumes, "the handshake did not resume as configured")
        } else {
            pair.run(until: { self.pair.transmissions.count >= Int(self.script.stage) })
        }
        trace("\(script.profile) \(script.features), cookies \(script.cookieExchange), MTU \(maximumTransmissionUnit), stage \(script.stage): \(pair.transmissions.count) datagrams so far")
        for step in script.steps {
            perform(step)
            trace("\(step) -> server received \(pair.serverReceived.count), closed \(String(describing: pair.serverClosed))")
        }
        if script.stage != 0 { pair.runHandshake(timeLimit: .seconds(300)) }
        trace("end: established \(pair.isEstablished), server connection \(pair.serverConnection.map { "\($0.statistics)" } ?? "none")")
        SessionOracles(run: self).check()
    }

    private func perform(_ step: SessionScript.Step) {
        switch step {
        case .datagram(let side, let bytes):
            let datagram = ByteBuffer(bytes: bytes)
            if side == .server { injected.append(datagram) }
            pair.inject(datagram, to: side)
        case .sealed(let type, let choice, let plaintext):
            guard let sealer = clientSealer() else { return }
            let datagram = sealer.seal(type, plaintext: plaintext, sequence: sequence(for: choice))
            injected.append(datagram)
            pair.inject(datagram, to: .server)
        case .elapse(let tenths):
            pair.run(until: { false }, timeLimit: .milliseconds(100 * (Int(tenths) + 1)))
        case .send(let side, let length):
            _ = try? pair.send((0..<Int(length)).map { UInt8(truncatingIfNeeded: $0) }, from: side)
        case .close(let side):
            pair.close(side)
        }
    }

    /// The client's epoch-1 sealer, once the client has derived its keys.
    func clientSealer() -> ClientRecordSealer? {
        if let sealer { return sealer }
        guard let line = keyLog.line,
            let serverHello = HandshakeMessageCollector.firstBody(of: .serverHello, in: sentDatagrams(from: .server))
        else { return nil }
        sealer = ClientRecordSealer(keyLogLine: line, serverHelloBody: serverHello, connectionIDCodePoint: script.features.connectionIDCodePoint)
        return sealer
    }

    private func sequence(for choice: SessionScript.SequenceChoice) -> UInt64 {
        switch choice {
        case .explicit(let number):
            return number
        case .relative(let offset):
            let fresh = nextFreshSequence()
            return Int(offset) >= 64 ? fresh + UInt64(offset - 64) : fresh - min(fresh, UInt64(64 - offset))
        }
    }

    /// Every record sent to the server, by the client or by the script, read with and without
    /// the server's connection ID (which records do not state): a superset of what it parsed.
    func recordsToServer() -> [DTLSRecordSummary] {
        let datagrams = sentDatagrams(from: .client) + injected
        return [0, FuzzConfigurations.serverConnectionID.count].flatMap { length in
            datagrams.flatMap { DTLSWireInspector.records(in: $0, connectionIDLength: length) }
        }
    }

    /// One more than the highest epoch-1 sequence number of any record that reached the
    /// server (or is on its way), so a record sealed with it is new to the server.
    func nextFreshSequence() -> UInt64 {
        (recordsToServer().filter { $0.epoch == 1 }.map(\.sequenceNumber).max() ?? 0) + 1
    }

    func sentDatagrams(from side: SimulatedPair.Side) -> [ByteBuffer] {
        pair.transmissions.filter { $0.from == side }.map(\.datagram)
    }
}
