/// Stops the process when a property every input must keep is broken, so libFuzzer records
/// the input as a crash.
public func invariant(
    _ condition: @autoclosure () -> Bool,
    _ message: @autoclosure () -> String,
    file: StaticString = #fileID,
    line: UInt = #line
) {
    if !condition() {
        fatalError("invariant violated: \(message())", file: file, line: line)
    }
}

extension Sequence where Element == UInt8 {
    /// Lower-case hexadecimal, for messages about inputs.
    public var hex: String {
        map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
        }.joined()
    }
}
