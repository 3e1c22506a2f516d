import Foundation

/// A program that ran to completion.
public struct CompletedProcess: Sendable {
    /// How it ended.
    public var termination: ChildProcess.Termination
    /// Everything it wrote to standard output.
    public var standardOutput: String
    /// Everything it wrote to standard error.
    public var standardError: String
}

extension ChildProcess {
    /// Runs `executable` to completion: feeds it `input`, closes its standard input and waits
    /// up to `timeout`. Kills it and throws ``ProcessTimeout`` if it runs longer.
    public static func run(
        _ executable: URL,
        arguments: [String],
        input: String = "",
        timeout: Duration
    ) async throws -> CompletedProcess {
        let child = try ChildProcess(executable: executable, arguments: arguments)
        defer { child.stop() }
        try child.write(input)
        child.closeInput()
        guard let termination = await child.waitForExit(timeout: timeout) else {
            throw ProcessTimeout(commandLine: child.commandLine, timeout: timeout, standardError: child.standardError.text)
        }
        return CompletedProcess(
            termination: termination,
            standardOutput: child.standardOutput.text,
            standardError: child.standardError.text
        )
    }
}

/// A child process that did not finish in time.
public struct ProcessTimeout: Error, CustomStringConvertible {
    /// The command that was running.
    public var commandLine: String
    /// How long it was given.
    public var timeout: Duration
    /// What it had written to standard error.
    public var standardError: String

    public var description: String {
        "\(commandLine) did not finish within \(timeout); stderr: \(standardError)"
    }
}
