import NIOCore

extension Array where Element == UInt8 {
    /// Bytes from hexadecimal digits; spaces and line breaks are ignored so vectors keep their published layout.
    init(hex text: String) {
        var bytes: [UInt8] = []
        var high: UInt8?
        for character in text.utf8 {
            let nibble: UInt8
            switch character {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = character - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = character - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = character - UInt8(ascii: "A") + 10
            case UInt8(ascii: " "), UInt8(ascii: "\n"): continue
            default: preconditionFailure("not a hexadecimal digit: \(Character(Unicode.Scalar(character)))")
            }
            if let pending = high {
                bytes.append(pending << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        precondition(high == nil, "odd number of hexadecimal digits")
        self = bytes
    }
}

extension ByteBuffer {
    /// A buffer holding the bytes spelled by `text` (see `[UInt8](hex:)`).
    init(hex text: String) {
        self.init(bytes: [UInt8](hex: text))
    }
}
