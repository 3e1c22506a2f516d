import NIOCore

/// One record found in a datagram: its header and where its fragment lies in the datagram.
struct IncomingRecord: Sendable {
    var header: RecordHeader
    /// Absolute index of the first fragment byte in the datagram buffer.
    var fragmentIndex: Int
    var fragmentLength: Int { Int(header.length) }
    /// Absolute index of the header's first byte.
    var recordIndex: Int { fragmentIndex - RecordHeader.size }
}

/// Finds the records of a datagram (RFC 6347 §4.1.1: records never span datagrams).
///
/// Reads by index and keeps no reference to the buffer, so the caller can decrypt records in
/// place between calls without copying the datagram.
enum DatagramRecords {
    /// The record starting at `index`, advancing `index` past it; nil at the end of the
    /// datagram or when the bytes there do not form a record (`malformed` is then set).
    static func next(in datagram: ByteBuffer, at index: inout Int, malformed: inout Bool) -> IncomingRecord? {
        let available = datagram.writerIndex - index
        guard available > 0 else { return nil }
        guard available >= RecordHeader.size, let headerBytes = datagram.getSlice(at: index, length: RecordHeader.size),
            let header = try? RecordHeader.decode(headerBytes, context: "record header"),
            Int(header.length) <= available - RecordHeader.size,
            Int(header.length) <= RecordHeader.maximumFragmentLength
        else {
            malformed = true
            index = datagram.writerIndex
            return nil
        }
        let record = IncomingRecord(header: header, fragmentIndex: index + RecordHeader.size)
        index += RecordHeader.size + Int(header.length)
        return record
    }
}
