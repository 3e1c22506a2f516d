import ArgumentParser

/// `dtls bench`: in-memory benchmarks (filled in below).
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench", abstract: "Run in-memory benchmarks.")
    func run() async throws {}
}
