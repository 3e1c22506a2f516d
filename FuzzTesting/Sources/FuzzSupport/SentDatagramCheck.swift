import DTLSCore
import NIOCore

/// Checks a datagram an endpoint sent: never over its MTU, and made of whole records only
/// (read with one of `connectionIDLengths`: `tls12_cid` records do not state theirs).
public func checkSentDatagram(
    _ datagram: ByteBuffer,
    maximumTransmissionUnit: Int,
    sender: String,
    connectionIDLengths: [Int] = FuzzConfigurations.connectionIDLengths
) {
    let bytes = Array(buffer: datagram)
    invariant(
        datagram.readableBytes <= maximumTransmissionUnit,
        "\(sender) sent \(datagram.readableBytes) bytes over an MTU of \(maximumTransmissionUnit): \(bytes.hex)"
    )
    let whole = connectionIDLengths.contains { length in
        DTLSWireInspector.records(in: datagram, connectionIDLength: length).reduce(0) { $0 + $1.length } == datagram.readableBytes
    }
    invariant(whole, "\(sender) sent a datagram that is not whole records: \(bytes.hex)")
}
