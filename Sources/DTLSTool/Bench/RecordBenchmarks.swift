import DTLSCore
import NIOCore

/// Application records through the connection API: seal on one side, open on the other.
struct RecordBenchmarks {
    /// 64-byte records to time; 1024-byte figures use a quarter.
    let count: Int

    func measure(into figures: inout BenchFigures) async throws {
        let server = try DTLSServer(configuration: BenchConfigurations.pskServer())
        let link = try await InMemoryLink.handshake(client: BenchConfigurations.pskClient(), server: server)
        for size in [64, 1024] {
            let payload = ByteBuffer(repeating: 0xAB, count: size)
            let count = size == 64 ? self.count : self.count / 4
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
