import ArgumentParser

/// `dtls bench`: in-memory benchmarks of the core, one figure per line.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure handshake CPU time, bytes on the wire, record throughput, allocations and memory per session in memory.",
        discussion: "Run a release build (swift run -c release dtls bench). Prints `NAME VALUE UNIT` lines, or one JSON object with --json."
    )

    @Flag(help: "Print one JSON object instead of lines.")
    var json = false

    @Option(help: "Handshakes to time per figure.")
    var handshakes = 2000

    @Option(help: "Records to time per figure.")
    var records = 200_000

    func validate() throws {
        guard handshakes > 0, records > 0 else { throw ValidationError("counts must be positive") }
    }

    func run() async throws {
        var figures = BenchFigures()
        let handshakeBench = HandshakeBenchmarks(count: handshakes)
        try await handshakeBench.measurePreSharedKey(into: &figures)
        try await handshakeBench.measureResumption(into: &figures)
        try await handshakeBench.measurePublicKey(into: &figures)
        try await RecordBenchmarks(count: records).measure(into: &figures)
        try await MemoryBenchmarks(sessions: 1000).measure(into: &figures)
        Terminal.output(json ? figures.json : figures.lines)
    }
}
