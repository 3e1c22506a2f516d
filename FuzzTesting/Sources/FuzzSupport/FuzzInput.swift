/// Reads structured values from a fuzz input without ever failing.
///
/// Past the end integers read as zero and byte runs come back short, so every input, however
/// truncated, means something and the fuzzer never wastes runs on rejected inputs.
public struct FuzzInput {
    private let bytes: [UInt8]
    private var position = 0

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Whether every byte has been read.
    public var isEmpty: Bool { position >= bytes.count }

    /// Bytes not yet read.
    public var remaining: Int { max(0, bytes.count - position) }

    public mutating func byte() -> UInt8 {
        guard position < bytes.count else { return 0 }
        defer { position += 1 }
        return bytes[position]
    }

    /// A big-endian 16-bit value.
    public mutating func uint16() -> UInt16 {
        UInt16(byte()) << 8 | UInt16(byte())
    }

    /// A big-endian 48-bit value.
    public mutating func uint48() -> UInt64 {
        var value: UInt64 = 0
        for _ in 0..<6 { value = value << 8 | UInt64(byte()) }
        return value
    }

    /// Up to `count` bytes: fewer when the input ends first.
    public mutating func bytes(upTo count: Int) -> [UInt8] {
        let taken = min(max(0, count), remaining)
        defer { position += taken }
        return Array(bytes[position..<(position + taken)])
    }

    /// A run of bytes preceded by its 16-bit length (see ``Swift/Array/appendLengthPrefixed(_:)``).
    public mutating func lengthPrefixed() -> [UInt8] {
        bytes(upTo: Int(uint16()))
    }

    /// Everything not yet read.
    public mutating func rest() -> [UInt8] {
        bytes(upTo: remaining)
    }
}

extension Array where Element == UInt8 {
    /// Appends `value` big-endian, as ``FuzzInput/uint16()`` reads it.
    public mutating func appendUInt16(_ value: UInt16) {
        append(UInt8(value >> 8))
        append(UInt8(truncatingIfNeeded: value))
    }

    /// Appends the low 48 bits of `value` big-endian, as ``FuzzInput/uint48()`` reads them.
    public mutating func appendUInt48(_ value: UInt64) {
        for shift in stride(from: 40, through: 0, by: -8) { append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    /// Appends `bytes` with a 16-bit length, as ``FuzzInput/lengthPrefixed()`` reads them.
    public mutating func appendLengthPrefixed(_ bytes: [UInt8]) {
        precondition(bytes.count <= 0xFFFF, "a length-prefixed run holds at most 65535 bytes")
        appendUInt16(UInt16(bytes.count))
        append(contentsOf: bytes)
    }
}
