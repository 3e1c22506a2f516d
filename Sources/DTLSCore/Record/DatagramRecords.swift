import NIOCore

/// One record found in a datagram: its header and where its fragment lies in the datagram.
struct IncomingRecord: Sendable {
    var header: RecordHeader
    /// Bytes of connection ID between sequence number and length (`tls12_cid` records only).
    var connectionIDLength: Int
    /// Absolute index of the first fragment byte in the datagram buffer.
    var fragmentIndex: Int
    var fragmentLength: Int { Int(header.length) }
    /// Absolute index of the header's first byte.
    var recordIndex: Int { fragmentIndex - RecordHeader.size - connectionIDLength }
    /// Bytes of the whole record.
    var recordLength: Int { RecordHeader.size + connectionIDLength + fragmentLength }
}

/// Finds the records of a datagram (RFC 6347 §4.1.1: records never span datagrams).
///
/// Reads by index and keeps no reference to the buffer, so the caller can decrypt records in
/// place between calls without copying the datagram.
enum DatagramRecords {
    /// The record starting at `index`, advancing `index` past it; nil at the end of the
    /// datagram or when the bytes there do not form a record (`malformed` is then set).
    ///
    /// - Parameter connectionIDLength: the length of the connection ID this endpoint asked its
    ///   peer to use; `tls12_cid` records carry one of that length (RFC 9146 §4), and the
    ///   length cannot be read from the record itself.
    static func next(in datagram: ByteBuffer, at index: inout Int, malformed: inout Bool, connectionIDLength: Int = 0) -> IncomingRecord? {
        let available = datagram.writerIndex - index
        guard available > 0 else { return nil }
        guard available >= RecordHeader.size, let type = datagram.getInteger(at: index, as: UInt8.self) else {
            return fail(&index, &malformed, datagram)
        }
        let cidLength = type == ContentType.connectionID.rawValue ? connectionIDLength : 0
        guard available >= RecordHeader.size + cidLength,
            let version = datagram.getInteger(at: index + 1, as: UInt16.self),
            let epoch = datagram.getInteger(at: index + 3, as: UInt16.self),
            let high = datagram.getInteger(at: index + 5, as: UInt16.self),
            let low = datagram.getInteger(at: index + 7, as: UInt32.self),
            let length = datagram.getInteger(at: index + 11 + cidLength, as: UInt16.self),
            Int(length) <= available - RecordHeader.size - cidLength,
            Int(length) <= RecordHeader.maximumFragmentLength
        else {
            return fail(&index, &malformed, datagram)
        }
        let header = RecordHeader(
            contentType: ContentType(rawValue: type),
            version: ProtocolVersion(rawValue: version),
            epoch: epoch,
            sequenceNumber: UInt64(high) << 32 | UInt64(low),
            length: length
        )
        let record = IncomingRecord(header: header, connectionIDLength: cidLength, fragmentIndex: index + RecordHeader.size + cidLength)
        index += record.recordLength
        return record
    }

    private static func fail(_ index: inout Int, _ malformed: inout Bool, _ datagram: ByteBuffer) -> IncomingRecord? {
        malformed = true
        index = datagram.writerIndex
        return nil
    }
}
