import NIOCore

/// The keyed state of both directions of the record layer, one entry per epoch.
///
/// Writing keeps every installed epoch so a retransmitted flight can seal its epoch-0 messages
/// with fresh epoch-0 sequence numbers after epoch 1 started (RFC 6347 §4.2.4). Reading keeps
/// the current epoch and, until the handshake ends, the one before it.
struct RecordLayer: Sendable {
    private struct WriteState {
        let epoch: UInt16
        let protection: any RecordProtection
        var nextSequence: UInt64
    }

    private struct ReadState {
        let epoch: UInt16
        let protection: any RecordProtection
        var window = ReplayWindow()
    }

    /// What became of one incoming record.
    enum OpenResult {
        /// Authenticated plaintext, as a view into the datagram.
        case plaintext(ContentType, ByteBuffer)
        /// The next epoch: keys not yet installed.
        case futureEpoch
        case dropped(DropReason)
    }

    private var writeStates: [WriteState]
    private var readStates: [ReadState]
    /// Connection IDs for records of epoch 1 onwards, once negotiated (RFC 9146).
    private(set) var connectionIDs: NegotiatedConnectionIDs?
    /// The highest epoch ‖ sequence of any authenticated record, for "is this record the newest".
    private var highestAuthenticated: UInt64?

    init() {
        writeStates = [WriteState(epoch: 0, protection: NullProtection(), nextSequence: 0)]
        readStates = [ReadState(epoch: 0, protection: NullProtection())]
    }

    /// The newest write epoch: where application data and alerts go.
    var currentWriteEpoch: UInt16 { writeStates[writeStates.count - 1].epoch }

    /// The newest read epoch.
    var currentReadEpoch: UInt16 { readStates[readStates.count - 1].epoch }

    /// Bytes a record of `epoch` adds around its plaintext, header included.
    func recordOverhead(epoch: UInt16) -> Int {
        RecordHeader.size + (writeStates.first { $0.epoch == epoch }?.protection.overhead ?? 0)
            + (sendingConnectionID(epoch: epoch).map { $0.count + 1 } ?? 0)
    }

    /// Uses `connectionIDs` for every protected record from now on.
    mutating func useConnectionIDs(_ connectionIDs: NegotiatedConnectionIDs) {
        self.connectionIDs = connectionIDs
    }

    /// The length of the connection ID the peer puts in its records (0 when none).
    var receivingConnectionIDLength: Int { connectionIDs?.receiving.count ?? 0 }

    /// The connection ID records of `epoch` carry, if any: protected records only.
    private func sendingConnectionID(epoch: UInt16) -> [UInt8]? {
        guard epoch > 0, let connectionIDs, !connectionIDs.sending.isEmpty else { return nil }
        return connectionIDs.sending
    }

    /// Whether any record of read epoch `epoch` has authenticated.
    func hasAuthenticatedRecords(inEpoch epoch: UInt16) -> Bool {
        readStates.first { $0.epoch == epoch }?.window.highest != nil
    }

    /// Starts the next write epoch with `protection`.
    mutating func installWriteEpoch(_ protection: any RecordProtection) {
        writeStates.append(WriteState(epoch: currentWriteEpoch + 1, protection: protection, nextSequence: 0))
    }

    /// Starts the next read epoch with `protection`.
    mutating func installReadEpoch(_ protection: any RecordProtection) {
        readStates.append(ReadState(epoch: currentReadEpoch + 1, protection: protection))
    }

    /// Stops accepting records of every read epoch but the newest.
    mutating func retireOldReadEpochs() {
        readStates.removeFirst(readStates.count - 1)
    }

    /// Sets the next sequence number of write epoch 0; a stateless server continues from the
    /// record sequence number of the ClientHello it answers (RFC 6347 §4.2.1).
    mutating func setInitialSequence(_ sequence: UInt64) {
        writeStates[0].nextSequence = sequence
    }

    // MARK: Writing

    /// Appends one protected record carrying `payload` to `datagram`.
    mutating func appendRecord(
        type: ContentType,
        payload: ByteBuffer,
        epoch: UInt16,
        to datagram: inout ByteBuffer
    ) throws(DTLSError) {
        guard let index = writeStates.firstIndex(where: { $0.epoch == epoch }) else {
            throw DTLSError(.internalError, "no write keys for epoch \(epoch)")
        }
        let sequence = writeStates[index].nextSequence
        guard sequence <= RecordHeader.maximumSequenceNumber else {
            throw DTLSError(.sequenceNumbersExhausted, "epoch \(epoch) has sent 2^48 records")
        }
        writeStates[index].nextSequence += 1
        let protection = writeStates[index].protection
        let connectionID = sendingConnectionID(epoch: epoch)
        // With a connection ID the plaintext is DTLSInnerPlaintext: content ‖ real type (RFC 9146 §4).
        let plaintextLength = payload.readableBytes + (connectionID == nil ? 0 : 1)
        let recordType = connectionID == nil ? type : .connectionID
        datagram.writeInteger(recordType.rawValue)
        datagram.writeInteger(ProtocolVersion.dtls12.rawValue)
        datagram.writeInteger(epoch)
        datagram.writeUInt48(sequence)
        if let connectionID { datagram.writeBytes(connectionID) }
        datagram.writeInteger(UInt16(plaintextLength + protection.overhead))
        guard protection.overhead > 0 else {
            datagram.writeImmutableBuffer(payload)
            return
        }
        let bodyStart = datagram.writerIndex
        datagram.writeRepeatingByte(0, count: protection.explicitNonceLength)
        datagram.writeImmutableBuffer(payload)
        if connectionID != nil { datagram.writeInteger(type.rawValue) }
        datagram.writeRepeatingByte(0, count: protection.tagLength)
        var additionalData = RecordAdditionalData(
            epoch: epoch,
            sequenceNumber: sequence,
            contentType: recordType,
            version: .dtls12,
            plaintextLength: plaintextLength
        )
        if let connectionID, let codePoint = connectionIDs?.codePoint { additionalData.connectionID = (connectionID, codePoint) }
        let offset = bodyStart - datagram.readerIndex
        datagram.withUnsafeMutableReadableBytes { bytes in
            protection.seal(body: UnsafeMutableRawBufferPointer(rebasing: bytes[offset...]), additionalData: additionalData)
        }
    }

    // MARK: Reading

    /// Checks, authenticates and decrypts one record of `datagram` in place.
    ///
    /// The replay window moves only after the record authenticated.
    mutating func open(_ record: IncomingRecord, in datagram: inout ByteBuffer) -> OpenResult {
        let header = record.header
        guard header.version == .dtls12 || (header.version == .dtls10 && header.epoch == 0) else {
            return .dropped(.unsupportedVersion)
        }
        // RFC 9146 §3: once a connection ID is expected, protected records must carry it; and
        // tls12_cid records are never accepted without one.
        let expectsConnectionID = header.epoch > 0 && receivingConnectionIDLength > 0
        guard (header.contentType == .connectionID) == expectsConnectionID else { return .dropped(.unexpectedContentType) }
        guard let index = readStates.firstIndex(where: { $0.epoch == header.epoch }) else {
            return header.epoch == currentReadEpoch &+ 1 ? .futureEpoch : .dropped(.unknownEpoch)
        }
        guard readStates[index].window.mayAccept(header.sequenceNumber) else { return .dropped(.replayed) }
        let protection = readStates[index].protection
        guard record.fragmentLength >= protection.overhead else { return .dropped(.authenticationFailed) }

        var additionalData = RecordAdditionalData(
            epoch: header.epoch,
            sequenceNumber: header.sequenceNumber,
            contentType: header.contentType,
            version: header.version,
            plaintextLength: record.fragmentLength - protection.overhead
        )
        if expectsConnectionID, let connectionIDs { additionalData.connectionID = (connectionIDs.receiving, connectionIDs.codePoint) }
        if protection.overhead > 0 {
            let offset = record.fragmentIndex - datagram.readerIndex
            let authentic = datagram.withUnsafeMutableReadableBytes { bytes in
                protection.open(
                    body: UnsafeMutableRawBufferPointer(rebasing: bytes[offset..<(offset + record.fragmentLength)]),
                    additionalData: additionalData
                )
            }
            guard authentic else { return .dropped(.authenticationFailed) }
        }
        var plaintext = datagram.getSlice(at: record.fragmentIndex + protection.explicitNonceLength, length: additionalData.plaintextLength)!
        var type = header.contentType
        if expectsConnectionID {
            // DTLSInnerPlaintext: the real type is the last non-zero byte; zeros after it are padding.
            guard let inner = Self.innerPlaintext(plaintext) else { return .dropped(.malformedRecord) }
            (type, plaintext) = inner
        }
        readStates[index].window.accept(header.sequenceNumber)
        let position = UInt64(header.epoch) << 48 | header.sequenceNumber
        if highestAuthenticated.map({ position > $0 }) ?? true { highestAuthenticated = position }
        return .plaintext(type, plaintext)
    }

    /// Whether the last record opened was the newest authenticated so far (RFC 9146 §6:
    /// only such records may move the peer's address).
    func isNewest(_ record: IncomingRecord) -> Bool {
        highestAuthenticated == UInt64(record.header.epoch) << 48 | record.header.sequenceNumber
    }

    private static func innerPlaintext(_ buffer: ByteBuffer) -> (ContentType, ByteBuffer)? {
        var end = buffer.readerIndex + buffer.readableBytes
        while end > buffer.readerIndex {
            end -= 1
            let byte = buffer.getInteger(at: end, as: UInt8.self)!
            if byte != 0 {
                return (ContentType(rawValue: byte), buffer.getSlice(at: buffer.readerIndex, length: end - buffer.readerIndex)!)
            }
        }
        return nil
    }
}
