/// Runs `operation`, cancelling it and throwing ``OperationTimeout`` if it takes longer
/// than `timeout`. `operation` must honour cancellation.
func withTimeout<Result: Sendable>(
    _ timeout: Duration,
    _ what: String,
    operation: @escaping @Sendable () async throws -> Result
) async throws -> Result {
    try await withThrowingTaskGroup(of: Result.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: timeout)
            throw OperationTimeout(what: what, timeout: timeout)
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}

/// An operation that did not finish in time.
struct OperationTimeout: Error, CustomStringConvertible {
    /// What was being waited for.
    var what: String
    /// How long it was given.
    var timeout: Duration

    var description: String { "\(what) did not happen within \(timeout)" }
}
