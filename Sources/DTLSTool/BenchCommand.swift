import ArgumentParser
import DTLSCore
import NIOCore

/// `dtls bench`: in-memory benchmarks of the core, one figure per line.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure handshake CPU time, bytes on the wire, record throughput and allocations in memory.",
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
        try measureHandshakes(into: &figures)
        try measureRecords(into: &figures)
        Terminal.output(json ? figures.json : figures.lines)
    }

    private func pskConfigurations(cookies: CookieExchange) throws -> (DTLSConfiguration, DTLSServer) {
        let identity = Array("bench".utf8)
        let key = Array(repeating: UInt8(0x42), count: 16)
        var server = DTLSConfiguration.psk(store: StaticPSKStore(identity: identity, key: key))
        server.cookieExchange = cookies
        return (.psk(identity: identity, key: key), try DTLSServer(configuration: server))
    }

    private func measureHandshakes(into figures: inout BenchFigures) throws {
        for (name, cookies) in [("psk", CookieExchange.disabled), ("psk_cookie", .enabled)] {
            let (client, server) = try pskConfigurations(cookies: cookies)
            let sample = try InMemoryLink.handshake(client: client, server: server)
            let nanoseconds = try Measurement.cpuPerIteration(iterations: handshakes) {
                _ = try InMemoryLink.handshake(client: client, server: server)
            }
            figures.add("handshake.\(name).cpu_us", nanoseconds / 1000, "us")
            figures.add("handshake.\(name).wire_bytes", Double(sample.handshakeBytes), "bytes")
            figures.add("handshake.\(name).datagrams", Double(sample.handshakeDatagrams), "datagrams")
        }
    }

    private func measureRecords(into figures: inout BenchFigures) throws {
        let (client, server) = try pskConfigurations(cookies: .disabled)
        let link = try InMemoryLink.handshake(client: client, server: server)
        for size in [64, 1024] {
            let payload = ByteBuffer(repeating: 0xAB, count: size)
            let count = size == 64 ? records : records / 4
            let nanoseconds = try Measurement.cpuPerIteration(iterations: count, warmUp: 1000) {
                guard try link.transfer(payload) == size else { throw BenchFailure("record lost in memory") }
            }
            figures.add("record.ccm8.\(size).MBps", Double(size) / nanoseconds * 1000, "MB/s")
            figures.add("record.ccm8.\(size).ns_per_record", nanoseconds, "ns")
            let allocations = try Measurement.allocationsPerIteration(iterations: 1000) {
                _ = try link.transfer(payload)
            }
            figures.add(size == 64 ? "record.allocs_per_record" : "record.allocs_per_record.\(size)", allocations, "allocations")
        }
    }
}

/// Named figures in measurement order.
struct BenchFigures {
    private var entries: [(name: String, value: Double, unit: String)] = []

    mutating func add(_ name: String, _ value: Double, _ unit: String) {
        entries.append((name, value, unit))
    }

    var lines: String {
        entries.map { "\($0.name) \(format($0.value)) \($0.unit)" }.joined(separator: "\n")
    }

    var json: String {
        "{" + entries.map { "\"\($0.name)\": \(format($0.value))" }.joined(separator: ", ") + "}"
    }

    private func format(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e12 { return String(Int(value)) }
        return String((value * 100).rounded() / 100)
    }
}
