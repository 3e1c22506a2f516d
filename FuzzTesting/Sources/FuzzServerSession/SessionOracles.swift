import DTLSCore
import DTLSSimulation
import FuzzSupport
import NIOCore

/// What must hold after any script:
///
/// - every datagram either side sent is within the MTU and made of whole records;
/// - the server delivers at most one application record per (epoch, sequence number) it was
///   sent: replays are never delivered twice;
/// - if both handshakes completed, they agree on the cipher suite;
/// - an established, open server still delivers a fresh authenticated record from the client:
///   nothing unauthenticated wedges it.
struct SessionOracles {
    let run: SessionRun

    func check() {
        checkSentDatagrams()
        checkNoReplays()
        if let client = run.pair.clientSession, let server = run.pair.serverSession {
            invariant(client.cipherSuite == server.cipherSuite, "client and server completed with different cipher suites")
        }
        checkStillServing()
        checkClientAcceptsServer()
    }

    private func checkSentDatagrams() {
        for transmission in run.pair.transmissions {
            checkSentDatagram(transmission.datagram, maximumTransmissionUnit: run.maximumTransmissionUnit, sender: "\(transmission.from)")
        }
    }

    private func checkNoReplays() {
        struct RecordNumber: Hashable {
            var epoch: UInt16
            var sequence: UInt64
        }
        // Application data, or records that may hide it behind a connection ID.
        let applicationRecords = Set(
            run.recordsToServer()
                .filter { ($0.contentType == .applicationData || $0.contentType == .connectionID) && $0.epoch > 0 }
                .map { RecordNumber(epoch: $0.epoch, sequence: $0.sequenceNumber) }
        )
        invariant(
            run.pair.serverReceived.count <= applicationRecords.count,
            "server delivered \(run.pair.serverReceived.count) records from \(applicationRecords.count) distinct application records"
        )
    }

    private func checkClientAcceptsServer() {
        let clientHearsOnlyServer = run.script.stage == 0 && !run.script.steps.contains { step in
            if case .datagram(to: .client, _) = step { return true }
            return false
        }
        guard clientHearsOnlyServer, case .some(.some(let error)) = run.pair.clientClosed else { return }
        invariant(error.code == .alertReceived, "the client rejected what the server sent: \(error)")
    }

    private func checkStillServing() {
        guard let connection = run.pair.serverConnection, connection.isEstablished, !connection.isClosed,
            let sealer = run.clientSealer()
        else { return }
        let sequence = run.nextFreshSequence()
        guard sequence <= 0xFFFF_FFFF_FFFF else { return }
        let probe = Array("still serving?".utf8)
        let before = run.pair.serverReceived.count
        run.pair.inject(sealer.seal(.applicationData, plaintext: probe, sequence: sequence), to: .server)
        invariant(
            run.pair.serverReceived.count == before + 1 && run.pair.serverReceived.last.map { Array(buffer: $0) } == probe,
            "an established server no longer delivers a fresh authenticated record (sequence \(sequence))"
        )
    }
}
