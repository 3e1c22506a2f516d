import NIOCore

/// Turns a flight into datagrams: fragments handshake messages to fit the MTU, packs several
/// records per datagram where they fit, and seals each record with a fresh sequence number.
enum FlightPacker {
    /// Smallest handshake fragment worth starting in a partly filled datagram.
    private static let minimumUsefulFragment = 64

    /// - Parameter maximumPlaintext: the most plaintext a record may carry (2^14, or less when
    ///   max_fragment_length or record_size_limit was negotiated; handshake fragments too).
    static func datagrams(
        for flight: Flight,
        maximumTransmissionUnit: Int,
        maximumPlaintext: Int = 1 << 14,
        recordLayer: inout RecordLayer
    ) throws(DTLSError) -> [ByteBuffer] {
        var datagrams: [ByteBuffer] = []
        var current = ByteBuffer()
        func flush() {
            if current.readableBytes > 0 {
                datagrams.append(current)
                current = ByteBuffer()
            }
        }

        for item in flight.items {
            switch item {
            case .changeCipherSpec(let epoch):
                if current.readableBytes + recordLayer.recordOverhead(epoch: epoch) + 1 > maximumTransmissionUnit { flush() }
                try recordLayer.appendRecord(type: .changeCipherSpec, payload: ChangeCipherSpec().encoded, epoch: epoch, to: &current)

            case .handshake(let message):
                let total = message.body.readableBytes
                let overhead = recordLayer.recordOverhead(epoch: message.epoch) + HandshakeHeader.size
                var offset = 0
                repeat {
                    let remaining = total - offset
                    var room = maximumTransmissionUnit - current.readableBytes - overhead
                    if room < min(remaining, minimumUsefulFragment) || room <= 0 {
                        flush()
                        room = maximumTransmissionUnit - overhead
                    }
                    let length = min(remaining, room, maximumPlaintext - HandshakeHeader.size)
                    var payload = ByteBuffer()
                    payload.reserveCapacity(HandshakeHeader.size + length)
                    HandshakeHeader(
                        messageType: message.type,
                        length: total,
                        messageSequence: message.sequence,
                        fragmentOffset: offset,
                        fragmentLength: length
                    ).encode(into: &payload)
                    payload.writeImmutableBuffer(message.body.getSlice(at: message.body.readerIndex + offset, length: length)!)
                    try recordLayer.appendRecord(type: .handshake, payload: payload, epoch: message.epoch, to: &current)
                    offset += length
                } while offset < total
            }
        }
        flush()
        return datagrams
    }
}
