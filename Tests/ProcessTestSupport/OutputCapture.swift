import Foundation
import Synchronization

/// Everything a child process writes to one of its output streams, collected as it arrives.
///
/// A background thread reads the pipe until end of file, so the child never blocks on a full
/// pipe and tests can poll the text while the child runs.
public final class OutputCapture: Sendable {
    private struct State {
        var bytes: [UInt8] = []
        var ended = false
    }

    private let state = Mutex(State())

    /// Starts reading `handle` until end of file.
    init(reading handle: FileHandle) {
        Thread.detachNewThread { [self] in
            while true {
                let data = handle.availableData
                if data.isEmpty { break }
                state.withLock { $0.bytes.append(contentsOf: data) }
            }
            state.withLock { $0.ended = true }
        }
    }

    /// The output so far, decoded as UTF-8.
    public var text: String {
        String(decoding: state.withLock { $0.bytes }, as: UTF8.self)
    }

    /// The complete lines of the output so far, without their line feeds.
    public var lines: [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    /// Whether the writer closed the stream (normally because the process ended).
    private var hasEnded: Bool {
        state.withLock { $0.ended }
    }

    /// Polls until the output contains `fragment`; false if the stream ends or `timeout`
    /// passes first.
    public func waitUntil(contains fragment: String, timeout: Duration) async -> Bool {
        await poll(until: ContinuousClock.now + timeout) { text, _ in text.contains(fragment) }
    }

    /// Polls until the writer closed the stream, or `deadline` passes.
    func waitForEnd(until deadline: ContinuousClock.Instant) async {
        _ = await poll(until: deadline) { _, ended in ended }
    }

    private func poll(
        until deadline: ContinuousClock.Instant,
        _ condition: (String, Bool) -> Bool
    ) async -> Bool {
        while true {
            let ended = hasEnded
            if condition(text, ended) { return true }
            if ended || ContinuousClock.now >= deadline { return false }
            try? await Task.sleep(for: .milliseconds(20))
        }
    }
}
