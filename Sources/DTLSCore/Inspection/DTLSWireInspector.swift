import NIOCore

/// One record of a datagram as an observer on the wire sees it.
public struct DTLSRecordSummary: Sendable, Hashable, CustomStringConvertible {
    public var contentType: ContentType
    public var epoch: UInt16
    public var sequenceNumber: UInt64
    /// Bytes of the record, header included.
    public var length: Int
    /// For unprotected handshake records: the fragments it carries.
    public var handshakeFragments: [Fragment]
    /// For unprotected alerts: the alert.
    public var alert: Alert?
    /// For `tls12_cid` records (RFC 9146): the connection ID in the header.
    public var connectionID: [UInt8]?

    /// A handshake fragment inside an unprotected record.
    public struct Fragment: Sendable, Hashable {
        public var messageType: HandshakeType
        public var messageSequence: UInt16
        public var messageLength: Int
        public var fragmentOffset: Int
        public var fragmentLength: Int
        /// The fragment's bytes.
        public var bytes: [UInt8]
    }

    public var description: String {
        if !handshakeFragments.isEmpty {
            return handshakeFragments.map { fragment in
                let part =
                    fragment.fragmentLength == fragment.messageLength
                    ? "" : " [\(fragment.fragmentOffset)..<\(fragment.fragmentOffset + fragment.fragmentLength) of \(fragment.messageLength)]"
                return "\(fragment.messageType) (seq \(fragment.messageSequence))\(part)"
            }.joined(separator: ", ")
        }
        if let alert { return "Alert \(alert)" }
        if let connectionID { return "tls12_cid record, CID \(connectionID.hexString) (\(length) bytes)" }
        switch contentType {
        case .changeCipherSpec: return "ChangeCipherSpec"
        case .handshake: return "encrypted handshake (epoch \(epoch))"
        case .applicationData: return "application data (\(length) bytes)"
        case .alert: return "encrypted alert (epoch \(epoch))"
        default: return "\(contentType) (epoch \(epoch))"
        }
    }
}

/// Describes datagrams for logs, transcripts and tests, without keys.
public enum DTLSWireInspector {
    /// The records of `datagram`, as far as they parse.
    ///
    /// - Parameter connectionIDLength: the length of the connection IDs in `tls12_cid` records,
    ///   which the records themselves do not state (RFC 9146).
    public static func records(in datagram: ByteBuffer, connectionIDLength: Int = 0) -> [DTLSRecordSummary] {
        var summaries: [DTLSRecordSummary] = []
        var index = datagram.readerIndex
        var malformed = false
        while let record = DatagramRecords.next(in: datagram, at: &index, malformed: &malformed, connectionIDLength: connectionIDLength) {
            let header = record.header
            var summary = DTLSRecordSummary(
                contentType: header.contentType,
                epoch: header.epoch,
                sequenceNumber: header.sequenceNumber,
                length: record.recordLength,
                handshakeFragments: [],
                alert: nil
            )
            if header.contentType == .connectionID {
                // The ID sits between the sequence number and the length field (RFC 9146 §4).
                summary.connectionID = datagram.getBytes(at: record.recordIndex + RecordHeader.size - 2, length: record.connectionIDLength)
            }
            let fragment = datagram.getSlice(at: record.fragmentIndex, length: record.fragmentLength)!
            if header.epoch == 0 {
                if header.contentType == .handshake, let fragments = try? HandshakeFragment.readAll(from: fragment) {
                    summary.handshakeFragments = fragments.map { fragment in
                        DTLSRecordSummary.Fragment(
                            messageType: fragment.header.messageType,
                            messageSequence: fragment.header.messageSequence,
                            messageLength: fragment.header.length,
                            fragmentOffset: fragment.header.fragmentOffset,
                            fragmentLength: fragment.header.fragmentLength,
                            bytes: Array(buffer: fragment.body)
                        )
                    }
                } else if header.contentType == .alert {
                    summary.alert = try? Alert.decode(fragment, context: "alert")
                }
            }
            summaries.append(summary)
        }
        return summaries
    }
}
