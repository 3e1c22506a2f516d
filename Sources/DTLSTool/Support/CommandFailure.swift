/// A failure the tool reports as one line on stderr with a specific exit status.
struct CommandFailure: Error {
    var message: String
    var exitCode: Int32

    /// Bad input: arguments, files, addresses. Exit status 2.
    static func usage(_ message: String) -> CommandFailure {
        CommandFailure(message: message, exitCode: 2)
    }

    /// The operation failed: handshake, alert, timeout. Exit status 1.
    static func failed(_ message: String) -> CommandFailure {
        CommandFailure(message: message, exitCode: 1)
    }
}
