import NIOCore
import Testing

@testable import DTLSCore

@Suite("Writing wire integers and vectors")
struct WireWriterTests {
    @Test("24- and 48-bit integers are written big-endian from their low bits")
    func integers() {
        var buffer = ByteBuffer()
        buffer.writeUInt24(0xAB_010203)
        buffer.writeUInt48(0xFFFF_0102_0304_0506)
        #expect(Array(buffer: buffer) == [0x01, 0x02, 0x03, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06])
    }

    @Test("vectors carry a length prefix of the requested width", arguments: [1, 2, 3])
    func vectors(lengthBytes: Int) {
        var buffer = ByteBuffer()
        buffer.writeVector(lengthBytes: lengthBytes, [0xAA, 0xBB])
        #expect(Array(buffer: buffer) == [UInt8](repeating: 0, count: lengthBytes - 1) + [0x02, 0xAA, 0xBB])
    }

    @Test(
        "a back-patched length prefix counts what the body wrote",
        arguments: [(1, 0x02, [0x02]), (2, 0x0102, [0x01, 0x02]), (3, 0x0102, [0x00, 0x01, 0x02])] as [(Int, Int, [UInt8])]
    )
    func lengthPrefixed(lengthBytes: Int, length: Int, prefix: [UInt8]) {
        var buffer = ByteBuffer(bytes: [0xEE])
        buffer.writeLengthPrefixed(lengthBytes: lengthBytes) { body in
            body.writeBytes([UInt8](repeating: 0x11, count: length))
        }
        #expect(Array(buffer: buffer) == [0xEE] + prefix + [UInt8](repeating: 0x11, count: length))
    }
}
