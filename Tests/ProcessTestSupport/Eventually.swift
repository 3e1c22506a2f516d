/// Checks `condition` every 20 ms until it holds or `timeout` passes; returns whether it held.
/// For states that no output line or stream announces, such as a server's counters.
public func eventually(within timeout: Duration, _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while true {
        if try await condition() { return true }
        guard ContinuousClock.now < deadline else { return false }
        try? await Task.sleep(for: .milliseconds(20))
    }
}
