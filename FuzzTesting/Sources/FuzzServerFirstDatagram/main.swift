// Fuzz target: the first datagram from an unknown peer, through the server's stateless check
// (cookies on or off) and a fresh server connection.
import FuzzSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    var input = FuzzInput(fuzzBytes(start, count))
    let flags = input.byte()
    FirstDatagramChecks(flags: flags, datagram: input.rest()).run()
    return 0
}

runLibFuzzer { data, count in fuzz(data!, count) }
