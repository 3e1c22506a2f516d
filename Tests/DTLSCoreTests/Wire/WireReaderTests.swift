import NIOCore
import Testing

@testable import DTLSCore

@Suite("Bounds-checked reading")
struct WireReaderTests {
    @Test("integers are big-endian, including 24 and 48 bits")
    func integers() throws {
        var reader = WireReader(ByteBuffer(hex: "01 0203 040506 0708090a0b0c"))
        #expect(try reader.readUInt8() == 0x01)
        #expect(try reader.readUInt16() == 0x0203)
        #expect(try reader.readUInt24() == 0x04_0506)
        #expect(try reader.readUInt48() == 0x0708_090A_0B0C)
        #expect(reader.isEmpty)
        try reader.finish()
    }

    @Test("reading past the end throws truncated without consuming a partial value", arguments: [1, 2, 3, 6])
    func truncatedIntegers(width: Int) {
        var reader = WireReader(ByteBuffer(bytes: [UInt8](repeating: 0xFF, count: width - 1)))
        let error = #expect(throws: DecodeError.self) {
            switch width {
            case 1: _ = try reader.readUInt8()
            case 2: _ = try reader.readUInt16()
            case 3: _ = try reader.readUInt24()
            default: _ = try reader.readUInt48()
            }
        }
        #expect(error?.reason == .truncated)
    }

    @Test("negative or excessive byte counts throw truncated")
    func byteCounts() {
        var reader = WireReader(ByteBuffer(bytes: [1, 2, 3]))
        #expect(throws: DecodeError(.truncated, "message")) { try reader.readBytes(-1) }
        #expect(throws: DecodeError(.truncated, "message")) { try reader.readBytes(4) }
        #expect(throws: DecodeError(.truncated, "message")) { try reader.readSlice(-1) }
        #expect(reader.remaining == 3)
    }

    @Test("a vector length outside the allowed range is rejected before the bound check")
    func vectorRange() {
        var tooShort = WireReader(ByteBuffer(hex: "01 aa"))
        #expect(throws: DecodeError.self) { try tooShort.readVector(lengthBytes: 1, allowed: 2...4) }
        var tooLong = WireReader(ByteBuffer(hex: "000005 aabbccddee"))
        let error = #expect(throws: DecodeError.self) { try tooLong.readVector(lengthBytes: 3, allowed: 0...4) }
        #expect(error?.reason == .lengthOutOfRange)
        var pastEnd = WireReader(ByteBuffer(hex: "0003 aabb"))
        let pastEndError = #expect(throws: DecodeError.self) { try pastEnd.readVector(lengthBytes: 2, allowed: 0...10) }
        #expect(pastEndError?.reason == .truncated)
    }

    @Test("vectors with 1-, 2- and 3-byte lengths")
    func vectors() throws {
        var reader = WireReader(ByteBuffer(hex: "02 aabb 0001 cc 000000"))
        #expect(try reader.readVector(lengthBytes: 1, allowed: 0...255) == [0xAA, 0xBB])
        #expect(try reader.readVector(lengthBytes: 2, allowed: 0...0xFFFF) == [0xCC])
        #expect(try reader.readVector(lengthBytes: 3, allowed: 0...0xFF_FFFF) == [])
        #expect(reader.isEmpty)
    }

    @Test("a nested region must be consumed exactly")
    func nested() throws {
        var exact = WireReader(ByteBuffer(hex: "02 aabb ff"))
        let value = try exact.readNested(lengthBytes: 1, allowed: 0...255) { (reader: inout WireReader) throws(DecodeError) in
            try reader.readUInt16()
        }
        #expect(value == 0xAABB)
        #expect(try exact.readUInt8() == 0xFF)

        var leftover = WireReader(ByteBuffer(hex: "03 aabbcc"))
        let error = #expect(throws: DecodeError.self) {
            try leftover.readNested(lengthBytes: 1, allowed: 0...255) { (reader: inout WireReader) throws(DecodeError) in
                try reader.readUInt16()
            }
        }
        #expect(error?.reason == .trailingBytes)
    }

    @Test("finish throws trailingBytes while bytes remain; readRest takes them")
    func finishAndRest() throws {
        var reader = WireReader(ByteBuffer(hex: "01 0203"))
        _ = try reader.readUInt8()
        #expect(throws: DecodeError(.trailingBytes, "message")) { try reader.finish() }
        #expect(Array(buffer: reader.readRest()) == [0x02, 0x03])
        try reader.finish()
    }
}
