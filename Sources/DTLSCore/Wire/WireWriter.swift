import NIOCore

extension ByteBuffer {
    /// Writes the low 24 bits of `value` in network byte order.
    mutating func writeUInt24(_ value: UInt32) {
        writeInteger(UInt8(truncatingIfNeeded: value >> 16))
        writeInteger(UInt16(truncatingIfNeeded: value))
    }

    /// Writes the low 48 bits of `value` in network byte order.
    mutating func writeUInt48(_ value: UInt64) {
        writeInteger(UInt16(truncatingIfNeeded: value >> 32))
        writeInteger(UInt32(truncatingIfNeeded: value))
    }

    /// Writes `bytes` behind a big-endian length prefix of `lengthBytes` bytes.
    mutating func writeVector(lengthBytes: Int, _ bytes: some Collection<UInt8>) {
        writeLength(bytes.count, lengthBytes: lengthBytes)
        writeBytes(bytes)
    }

    /// Writes whatever `body` writes behind a length prefix that is back-patched afterwards.
    mutating func writeLengthPrefixed(lengthBytes: Int, _ body: (inout ByteBuffer) -> Void) {
        let prefixIndex = writerIndex
        writeLength(0, lengthBytes: lengthBytes)
        let start = writerIndex
        body(&self)
        let length = writerIndex - start
        switch lengthBytes {
        case 1: setInteger(UInt8(truncatingIfNeeded: length), at: prefixIndex)
        case 2: setInteger(UInt16(truncatingIfNeeded: length), at: prefixIndex)
        default:
            setInteger(UInt8(truncatingIfNeeded: length >> 16), at: prefixIndex)
            setInteger(UInt16(truncatingIfNeeded: length), at: prefixIndex + 1)
        }
    }

    private mutating func writeLength(_ length: Int, lengthBytes: Int) {
        switch lengthBytes {
        case 1: writeInteger(UInt8(truncatingIfNeeded: length))
        case 2: writeInteger(UInt16(truncatingIfNeeded: length))
        default: writeUInt24(UInt32(truncatingIfNeeded: length))
        }
    }
}
