// Fuzz target: handshake fragments, as records or as pieces of one body, into the reassembler,
// checked against a model of what it must release.
import FuzzSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    var harness = ReassemblerHarness(ReassemblerScript(parsing: fuzzBytes(start, count)))
    harness.run()
    return 0
}

runLibFuzzer { data, count in fuzz(data!, count) }
