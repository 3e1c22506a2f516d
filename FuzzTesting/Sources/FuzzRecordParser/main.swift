// Fuzz target: one datagram through the record parser, the wire inspector, and fresh client
// and server connections.
import FuzzSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    RecordParserChecks(datagram: fuzzBytes(start, count)).run()
    return 0
}

runLibFuzzer { data, count in fuzz(data!, count) }
