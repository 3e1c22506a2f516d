import ProcessTestSupport

extension OutputCapture {
    /// Polls until the output contains `fragment` at least `count` times; false if `timeout`
    /// passes first.
    func waitUntil(contains fragment: String, occurrences count: Int, timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while true {
            if text.components(separatedBy: fragment).count - 1 >= count { return true }
            if ContinuousClock.now >= deadline { return false }
            try? await Task.sleep(for: .milliseconds(20))
        }
    }
}
