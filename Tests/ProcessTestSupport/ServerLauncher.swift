/// A server process a test started, and the UDP port it listens on.
public struct LaunchedServer: Sendable {
    /// The running server; stop it in a `defer`.
    public var process: ChildProcess
    /// The port it listens on.
    public var port: Int
}

/// What a starting server's output says about it.
public enum ServerReadiness: Sendable {
    /// Nothing conclusive yet.
    case starting
    /// It listens.
    case ready
    /// It cannot listen on this port (typically because the port was taken meanwhile).
    case failed
}

/// Starts server programs on free UDP ports and waits until they listen.
public enum ServerLauncher {
    /// Starts `launch(port)` on a free port and polls `readiness` until the server listens.
    ///
    /// A port found free can be taken by someone else before the server binds it. When the
    /// server exits or reports failure before it is ready, this tries again on another port,
    /// up to `attempts` times; `stop` ends each failed attempt. Throws ``ServerLaunchFailure``
    /// when no attempt got ready, each within `timeout`.
    public static func start(
        attempts: Int = 3,
        timeout: Duration = .seconds(10),
        launch: (Int) throws -> ChildProcess,
        readiness: (ChildProcess, Int) -> ServerReadiness,
        stop: (ChildProcess) async -> Void = { $0.stop() }
    ) async throws -> LaunchedServer {
        var failures: [String] = []
        for _ in 0..<attempts {
            let port = try await UDPPortReservation.freePort()
            let process = try launch(port)
            let deadline = ContinuousClock.now + timeout
            var state = readiness(process, port)
            while state == .starting, process.isRunning, ContinuousClock.now < deadline {
                try? await Task.sleep(for: .milliseconds(20))
                state = readiness(process, port)
            }
            if state == .ready, process.isRunning {
                return LaunchedServer(process: process, port: port)
            }
            await stop(process)
            failures.append("port \(port): \(process.standardOutput.text)\(process.standardError.text)")
        }
        throw ServerLaunchFailure(attempts: failures)
    }
}

/// A server program that exited, failed or never got ready on any of the ports tried.
public struct ServerLaunchFailure: Error, CustomStringConvertible {
    /// For each port tried, what the server printed.
    public var attempts: [String]

    public var description: String {
        "the server did not start listening: " + attempts.joined(separator: "; ")
    }
}
