import ArgumentParser

/// Hexadecimal text: parses key material (rejecting anything that is not an even number of
/// hex digits) and prints IDs and digests.
enum Hex {
    /// Lower-case hex, two digits a byte.
    static func encode<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }


    static func decode(_ text: String, name: String) throws -> [UInt8] {
        let digits = Array(text.utf8)
        guard !digits.isEmpty else { throw ValidationError("\(name) is empty") }
        guard digits.count % 2 == 0 else { throw ValidationError("\(name) has an odd number of hex digits") }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = value(of: digits[index]), let low = value(of: digits[index + 1]) else {
                throw ValidationError("\(name) is not hexadecimal")
            }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func value(of digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
