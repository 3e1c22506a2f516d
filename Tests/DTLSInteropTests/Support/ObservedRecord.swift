import DTLSCore
import NIOCore

/// A record as an observer on the wire sees it, with the connection ID of a `tls12_cid` record.
struct ObservedRecord: Sendable, Hashable, CustomStringConvertible {
    var contentType: ContentType
    var epoch: UInt16
    var sequenceNumber: UInt64
    /// The ID of a `tls12_cid` record; nil for other records.
    var connectionID: [UInt8]?
    /// Bytes of the record, header (and ID) included.
    var length: Int

    /// The bytes after the header: for AES-128-CCM-8, 8 of explicit nonce, the (inner)
    /// plaintext and 8 of tag.
    var fragmentLength: Int { length - 13 - (connectionID?.count ?? 0) }

    /// The records of `datagram`. A `tls12_cid` record does not state its ID's length: the
    /// reader must know it (the length the receiving end chose).
    static func records(in datagram: ByteBuffer, connectionIDLength: Int) -> [ObservedRecord] {
        var start = datagram.readerIndex
        return DTLSWireInspector.records(in: datagram, connectionIDLength: connectionIDLength).map { summary in
            defer { start += summary.length }
            let connectionID =
                summary.contentType == .connectionID ? datagram.getBytes(at: start + 11, length: connectionIDLength) : nil
            return ObservedRecord(
                contentType: summary.contentType,
                epoch: summary.epoch,
                sequenceNumber: summary.sequenceNumber,
                connectionID: connectionID,
                length: summary.length
            )
        }
    }

    var description: String {
        let id = connectionID.map { " cid=" + TestConnectionID(bytes: $0).description } ?? ""
        return "\(contentType.rawValue)/\(epoch)/\(sequenceNumber)/\(length)\(id)"
    }
}
