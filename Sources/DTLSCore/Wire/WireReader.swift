import NIOCore

/// A bounds-checked cursor over received bytes.
///
/// Every read either returns a value or throws ``DecodeError``; nothing here traps on
/// hostile input. Vector reads take the RFC's allowed length range so each structure states
/// its own bounds next to its definition.
struct WireReader {
    private(set) var buffer: ByteBuffer
    private let context: String

    init(_ buffer: ByteBuffer, context: String = "message") {
        self.buffer = buffer
        self.context = context
    }

    /// Bytes not yet read.
    var remaining: Int { buffer.readableBytes }

    var isEmpty: Bool { buffer.readableBytes == 0 }

    mutating func readUInt8() throws(DecodeError) -> UInt8 {
        guard let value = buffer.readInteger(as: UInt8.self) else { throw truncated() }
        return value
    }

    mutating func readUInt16() throws(DecodeError) -> UInt16 {
        guard let value = buffer.readInteger(as: UInt16.self) else { throw truncated() }
        return value
    }

    mutating func readUInt24() throws(DecodeError) -> UInt32 {
        guard let high = buffer.readInteger(as: UInt8.self), let low = buffer.readInteger(as: UInt16.self) else {
            throw truncated()
        }
        return UInt32(high) << 16 | UInt32(low)
    }

    mutating func readUInt32() throws(DecodeError) -> UInt32 {
        guard let value = buffer.readInteger(as: UInt32.self) else { throw truncated() }
        return value
    }

    mutating func readUInt64() throws(DecodeError) -> UInt64 {
        guard let value = buffer.readInteger(as: UInt64.self) else { throw truncated() }
        return value
    }

    mutating func readUInt48() throws(DecodeError) -> UInt64 {
        guard let high = buffer.readInteger(as: UInt16.self), let low = buffer.readInteger(as: UInt32.self) else {
            throw truncated()
        }
        return UInt64(high) << 32 | UInt64(low)
    }

    /// Reads exactly `count` bytes into a new array.
    mutating func readBytes(_ count: Int) throws(DecodeError) -> [UInt8] {
        guard count >= 0, let bytes = buffer.readBytes(length: count) else { throw truncated() }
        return bytes
    }

    /// Reads exactly `count` bytes as a slice sharing the underlying storage.
    mutating func readSlice(_ count: Int) throws(DecodeError) -> ByteBuffer {
        guard count >= 0, let slice = buffer.readSlice(length: count) else { throw truncated() }
        return slice
    }

    /// Reads a length-prefixed opaque vector (`opaque x<min..max>`).
    mutating func readVector(lengthBytes: Int, allowed: ClosedRange<Int>) throws(DecodeError) -> [UInt8] {
        let length = try readLength(lengthBytes: lengthBytes, allowed: allowed)
        return try readBytes(length)
    }

    /// Reads a length-prefixed region and decodes it with `body`, which must consume it exactly.
    mutating func readNested<T>(
        lengthBytes: Int,
        allowed: ClosedRange<Int>,
        _ body: (inout WireReader) throws(DecodeError) -> T
    ) throws(DecodeError) -> T {
        let length = try readLength(lengthBytes: lengthBytes, allowed: allowed)
        var nested = WireReader(try readSlice(length), context: context)
        let value = try body(&nested)
        try nested.finish()
        return value
    }

    /// Reads a length prefix of 1, 2 or 3 bytes and checks it against `allowed`.
    mutating func readLength(lengthBytes: Int, allowed: ClosedRange<Int>) throws(DecodeError) -> Int {
        let length: Int
        switch lengthBytes {
        case 1: length = Int(try readUInt8())
        case 2: length = Int(try readUInt16())
        default: length = Int(try readUInt24())
        }
        guard allowed.contains(length) else { throw DecodeError(.lengthOutOfRange, context) }
        guard length <= remaining else { throw truncated() }
        return length
    }

    /// Reads everything that is left.
    mutating func readRest() -> ByteBuffer {
        buffer.readSlice(length: buffer.readableBytes)!
    }

    /// Throws unless every byte has been consumed.
    func finish() throws(DecodeError) {
        guard buffer.readableBytes == 0 else { throw DecodeError(.trailingBytes, context) }
    }

    func illegal(_ what: String) -> DecodeError {
        DecodeError(.illegalValue, "\(context): \(what)")
    }

    private func truncated() -> DecodeError {
        DecodeError(.truncated, context)
    }
}
