import Synchronization

/// A server's bounded store of sessions for resumption by session ID (RFC 5246 §7.4.1.2).
///
/// Holds at most ``capacity`` sessions for at most ``lifetime`` each and evicts the least
/// recently used first. Thread-safe: one cache may serve every connection of a server.
public final class DTLSSessionCache: Sendable {
    /// The most sessions kept.
    public let capacity: Int
    /// How long a session may be resumed after it was created.
    public let lifetime: Duration

    private struct Entry {
        var session: DTLSResumableSession
        var created: DTLSInstant
        var lastUsed: UInt64
    }

    private struct State {
        var entries: [[UInt8]: Entry] = [:]
        var clock: UInt64 = 0
    }

    private let state = Mutex(State())

    public init(capacity: Int = 1024, lifetime: Duration = .seconds(86_400)) {
        precondition(capacity > 0, "a session cache needs room for at least one session")
        self.capacity = capacity
        self.lifetime = lifetime
    }

    /// Sessions currently held.
    public var count: Int { state.withLock { $0.entries.count } }

    func store(_ session: DTLSResumableSession, now: DTLSInstant) {
        guard !session.sessionID.isEmpty else { return }
        state.withLock { state in
            state.clock += 1
            if state.entries[session.sessionID] == nil, state.entries.count >= capacity,
                let oldest = state.entries.min(by: { $0.value.lastUsed < $1.value.lastUsed })?.key
            {
                state.entries[oldest] = nil
            }
            state.entries[session.sessionID] = Entry(session: session, created: now, lastUsed: state.clock)
        }
    }

    func lookup(_ sessionID: [UInt8], now: DTLSInstant) -> DTLSResumableSession? {
        state.withLock { state in
            guard let entry = state.entries[sessionID] else { return nil }
            guard entry.created.advanced(by: lifetime) > now else {
                state.entries[sessionID] = nil
                return nil
            }
            state.clock += 1
            state.entries[sessionID]?.lastUsed = state.clock
            return entry.session
        }
    }

    /// Forgets a session, for example after a fatal alert on a connection that resumed it.
    func remove(_ sessionID: [UInt8]) {
        _ = state.withLock { $0.entries.removeValue(forKey: sessionID) }
    }
}
