import MallocInterposerSwift

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Process CPU time and heap allocation counts around a piece of work.
enum Measurement {
    /// CPU time of this process (all threads) in nanoseconds.
    static func cpuNanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    /// CPU nanoseconds per iteration of `body`, over `iterations` runs after a warm-up.
    static func cpuPerIteration(iterations: Int, warmUp: Int = 20, _ body: () throws -> Void) rethrows -> Double {
        for _ in 0..<warmUp { try body() }
        let start = cpuNanoseconds()
        for _ in 0..<iterations { try body() }
        return Double(cpuNanoseconds() - start) / Double(iterations)
    }

    /// The same for asynchronous work.
    static func cpuPerIteration(iterations: Int, warmUp: Int = 20, _ body: () async throws -> Void) async rethrows -> Double {
        for _ in 0..<warmUp { try await body() }
        let start = cpuNanoseconds()
        for _ in 0..<iterations { try await body() }
        return Double(cpuNanoseconds() - start) / Double(iterations)
    }

    /// Heap allocations per iteration of `body`, counted by the malloc interposer.
    static func allocationsPerIteration(iterations: Int, _ body: () throws -> Void) rethrows -> Double {
        try body()
        MallocInterposerSwift.reset()
        MallocInterposerSwift.hook()
        for _ in 0..<iterations { try body() }
        MallocInterposerSwift.unhook()
        return Double(MallocInterposerSwift.getStatistics().mallocCount) / Double(iterations)
    }

    /// Heap bytes allocated and not freed over `iterations` runs of `body`.
    static func retainedBytes(iterations: Int, _ body: () async throws -> Void) async rethrows -> Int {
        MallocInterposerSwift.reset()
        MallocInterposerSwift.hook()
        for _ in 0..<iterations { try await body() }
        MallocInterposerSwift.unhook()
        let statistics = MallocInterposerSwift.getStatistics()
        return statistics.mallocBytesCount - statistics.freeBytesCount
    }
}
