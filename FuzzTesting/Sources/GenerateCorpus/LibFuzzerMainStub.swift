/// Built with `-sanitize=fuzzer` like every target here, this program links libFuzzer's archive,
/// whose `main` object (superseded by this program's own entry point) references a test
/// function. This satisfies the reference; it is never called.
@_cdecl("LLVMFuzzerTestOneInput")
public func unusedFuzzTest(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    0
}
