import ArgumentParser

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `dtls`: a DTLS 1.2 client, echo server, demo and benchmark.
struct DTLSCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dtls",
        abstract: "DTLS 1.2 for the IoT profile (RFC 7925): client, echo server, demo and benchmarks.",
        subcommands: [ClientCommand.self, ServerCommand.self, KeygenCommand.self, DemoCommand.self, BenchCommand.self]
    )
}

@main
enum Main {
    static func main() async {
        do {
            var command = try DTLSCommand.parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as CommandFailure {
            Terminal.error(failure.message)
            exit(failure.exitCode)
        } catch {
            if DTLSCommand.exitCode(for: error) == .success {
                DTLSCommand.exit(withError: error)
            }
            // Usage errors: one line, exit status 2, never a stack trace.
            let message = DTLSCommand.message(for: error).split(separator: "\n").first.map(String.init) ?? "invalid arguments"
            Terminal.error(message.hasPrefix("Error: ") ? String(message.dropFirst(7)) : message)
            exit(2)
        }
    }
}
