import NIODTLS
import Synchronization

/// The connections our server accepted, in order, so tests can inspect their session info
/// and statistics.
final class AcceptedConnections: Sendable {
    private let connections = Mutex<[NIODTLSConnection]>([])

    /// Records a connection the server accepted.
    func append(_ connection: NIODTLSConnection) {
        connections.withLock { $0.append(connection) }
    }

    /// The first accepted connection, waiting for one up to `timeout`; nil if none came.
    func first(within timeout: Duration) async -> NIODTLSConnection? {
        await connection(0, within: timeout)
    }

    /// The accepted connection at `index` (0 for the first), waiting for it up to `timeout`;
    /// nil if it did not come.
    func connection(_ index: Int, within timeout: Duration) async -> NIODTLSConnection? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let connection = self[index] { return connection }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return self[index]
    }

    private subscript(index: Int) -> NIODTLSConnection? {
        connections.withLock { $0.indices.contains(index) ? $0[index] : nil }
    }
}
