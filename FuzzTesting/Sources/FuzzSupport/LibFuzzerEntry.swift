import LibFuzzerDriver

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fuzz target's test function, as libFuzzer calls it.
public typealias FuzzTestFunction = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

/// Starts libFuzzer with this process's command line and `test`, then exits with its status.
///
/// Call it from a target's `main.swift`. SwiftPM defines `main` as that file's entry point, so
/// libFuzzer's own `main` is not linked; this hands control to its driver instead. All libFuzzer
/// flags work as usual (`-runs=`, `-max_total_time=`, corpus directories, crash files).
public func runLibFuzzer(_ test: FuzzTestFunction) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, test))
}

/// The bytes of one fuzz input.
public func fuzzBytes(_ start: UnsafeRawPointer, _ count: Int) -> [UInt8] {
    Array(UnsafeRawBufferPointer(start: start, count: count))
}
