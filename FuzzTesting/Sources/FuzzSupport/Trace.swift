#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether `FUZZ_TRACE` is set: targets then describe what they do with each input on
/// standard error, for reading a reproducer (`FUZZ_TRACE=1 .build-fuzz/debug/<Target> <file>`).
public let isTracing = getenv("FUZZ_TRACE") != nil

/// Writes `message` to standard error when tracing.
public func trace(_ message: @autoclosure () -> String) {
    guard isTracing else { return }
    let line = message() + "\n"
    line.withCString { _ = write(2, $0, strlen($0)) }
}
