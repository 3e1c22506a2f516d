import DTLSCore
import NIODTLS
import Synchronization

/// Collects the errors our server reports for failed handshakes.
final class HandshakeFailureLog: Sendable {
    private final class Storage: Sendable {
        let errors = Mutex<[DTLSError?]>([])
    }

    private let storage = Storage()
    private let reader: Task<Void, Never>

    /// Starts reading `server`'s failed handshakes.
    init(server: NIODTLSServer) {
        let storage = self.storage
        reader = Task {
            for await failure in server.failedHandshakes {
                storage.errors.withLock { $0.append(failure.error) }
            }
        }
    }

    deinit { reader.cancel() }

    /// The first recorded error, waiting for one up to `timeout`; nil if none came.
    func firstError(within timeout: Duration) async -> DTLSError? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let error = storage.errors.withLock({ $0.first }) { return error }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return storage.errors.withLock { $0.first } ?? nil
    }
}
