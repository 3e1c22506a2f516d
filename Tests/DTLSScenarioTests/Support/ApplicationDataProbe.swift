import NIOCore
import Testing

@testable import DTLSCore

extension ScriptedPeer {
    /// Application records a peer that has not completed the handshake could send: "probe" in
    /// the current write epoch and, once that is a protected epoch, "probe in epoch 0" as well.
    func probeRecords() throws -> [ByteBuffer] {
        var records = [try record(.applicationData, Array("probe".utf8))]
        if recordLayer.currentWriteEpoch > 0 {
            records.append(try record(.applicationData, Array("probe in epoch 0".utf8), epoch: 0))
        }
        return records
    }
}

extension ServerScript {
    /// Sends ``ScriptedPeer/probeRecords()`` from the scripted client and expects the server to
    /// deliver none of it and not to count the handshake as complete.
    func expectNoApplicationDataAccepted(sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            deliver(datagrams: try client.probeRecords())
        } catch {
            Issue.record(error, sourceLocation: sourceLocation)
        }
        #expect(events.applicationData.isEmpty, "application data accepted from an unauthenticated client", sourceLocation: sourceLocation)
        #expect(!events.completed, sourceLocation: sourceLocation)
        #expect(connection?.isEstablished != true, sourceLocation: sourceLocation)
    }
}

extension ClientScript {
    /// Sends ``ScriptedPeer/probeRecords()`` from the scripted server and expects the client to
    /// deliver none of it and not to count the handshake as complete.
    func expectNoApplicationDataAccepted(sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            deliver(datagrams: try server.probeRecords())
        } catch {
            Issue.record(error, sourceLocation: sourceLocation)
        }
        #expect(events.applicationData.isEmpty, "application data accepted from an unauthenticated server", sourceLocation: sourceLocation)
        #expect(!events.completed, sourceLocation: sourceLocation)
        #expect(!connection.isEstablished, sourceLocation: sourceLocation)
    }
}
