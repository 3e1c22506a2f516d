// Fuzz target: a server connection fed datagrams, authenticated records and timeouts after
// (or in the middle of) a real in-memory handshake. See SessionScript for the input layout.
import FuzzSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    SessionRun(SessionScript(parsing: fuzzBytes(start, count))).execute()
    return 0
}

runLibFuzzer { data, count in fuzz(data!, count) }
