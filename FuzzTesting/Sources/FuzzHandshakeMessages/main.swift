// Fuzz target: every handshake message, hello extension and framing decoder. The first byte
// picks the structure (see WireStructure), the rest is its encoding; whatever decodes must
// re-encode to something that decodes to the same value.
import FuzzSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    var input = FuzzInput(fuzzBytes(start, count))
    let structure = WireStructure(selector: input.byte())
    decode(structure, input.rest())
    return 0
}

runLibFuzzer { data, count in fuzz(data!, count) }
