import NIOCore

/// Finished (RFC 5246 §7.4.9).
///
/// ```
/// struct {
///     opaque verify_data[verify_data_length];   // 12 bytes for every suite here
/// } Finished;
/// ```
struct Finished: Hashable, Sendable, WireCodable {
    var verifyData: [UInt8]

    init(verifyData: [UInt8]) {
        self.verifyData = verifyData
    }

    init(from reader: inout WireReader) throws(DecodeError) {
        verifyData = try reader.readBytes(KeySchedule.verifyDataLength)
    }

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeBytes(verifyData)
    }
}
