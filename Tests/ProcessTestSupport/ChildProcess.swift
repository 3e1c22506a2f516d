import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A program started by a test, with a writable standard input and captured output.
///
/// Call ``stop()`` in a `defer` right after starting one, so that the process never outlives
/// the test, whichever way the test ends.
public final class ChildProcess: Sendable {
    /// How a process ended.
    public enum Termination: Sendable, Hashable, CustomStringConvertible {
        /// It exited with this status.
        case exited(Int32)
        /// This signal killed it.
        case signalled(Int32)

        public var description: String {
            switch self {
            case .exited(let status): "exit status \(status)"
            case .signalled(let signal): "killed by signal \(signal)"
            }
        }
    }

    /// What the process wrote to standard output.
    public let standardOutput: OutputCapture
    /// What the process wrote to standard error.
    public let standardError: OutputCapture
    /// The program's file name and arguments, for failure messages.
    public let commandLine: String

    private let process: Process
    private let input: FileHandle

    /// Starts `executable` with `arguments`; its standard input stays open until
    /// ``closeInput()`` or ``stop()``.
    public init(executable: URL, arguments: [String]) throws {
        _ = Self.ignoreBrokenPipes
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let input = Pipe()
        let output = Pipe()
        let error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        try process.run()
        self.process = process
        self.input = input.fileHandleForWriting
        self.standardOutput = OutputCapture(reading: output.fileHandleForReading)
        self.standardError = OutputCapture(reading: error.fileHandleForReading)
        self.commandLine = ([executable.lastPathComponent] + arguments).joined(separator: " ")
    }

    /// Whether the process still runs.
    public var isRunning: Bool { process.isRunning }

    /// Writes `text` to the process's standard input.
    public func write(_ text: String) throws {
        try input.write(contentsOf: Data(text.utf8))
    }

    /// Closes the process's standard input (it reads end of file).
    public func closeInput() {
        try? input.close()
    }

    /// Sends `signalNumber` to the process if it still runs.
    public func send(signal signalNumber: Int32) {
        if process.isRunning { kill(process.processIdentifier, signalNumber) }
    }

    /// Waits up to `timeout` for the process to end and for its output to be read in full;
    /// nil if it is still running then.
    public func waitForExit(timeout: Duration) async -> Termination? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else { return nil }
            try? await Task.sleep(for: .milliseconds(20))
        }
        await standardOutput.waitForEnd(until: deadline)
        await standardError.waitForEnd(until: deadline)
        let status = process.terminationStatus
        return process.terminationReason == .exit ? .exited(status) : .signalled(status)
    }

    /// Kills the process (SIGKILL) if it still runs and closes its standard input.
    public func stop() {
        send(signal: SIGKILL)
        closeInput()
    }

    /// Writing to a child that already exited must fail, not kill the test runner.
    private static let ignoreBrokenPipes: Void = {
        _ = signal(SIGPIPE, SIG_IGN)
    }()
}
