@testable import DTLSCore
import NIOCore

/// Builds the second ClientHello of a cookie exchange (RFC 6347 §4.2.1), as a client would.
public enum CookieRetry {
    /// `datagram`'s ClientHello again, carrying the cookie of the HelloVerifyRequest `reply`,
    /// with the next message and record sequence numbers; nil unless `datagram` starts with a
    /// record holding one whole ClientHello and `reply` holds a HelloVerifyRequest.
    public static func retry(of datagram: ByteBuffer, answeredWith reply: ByteBuffer) -> ByteBuffer? {
        guard let initial = initialHello(in: datagram),
            let fragment = DTLSWireInspector.records(in: reply).first?.handshakeFragments.first,
            fragment.messageType == .helloVerifyRequest,
            let request = try? HelloVerifyRequest.decode(ByteBuffer(bytes: fragment.bytes), context: "HelloVerifyRequest")
        else { return nil }
        var hello = initial.hello
        hello.cookie = request.cookie
        return self.datagram(carrying: hello, sequence: initial.message.sequence &+ 1, recordSequence: initial.recordSequence &+ 1)
    }

    /// The ClientHello a stateless server reads from the first record of `datagram`.
    static func initialHello(in datagram: ByteBuffer) -> HelloVerifier.InitialHello? {
        var index = datagram.readerIndex
        var malformed = false
        guard let record = DatagramRecords.next(in: datagram, at: &index, malformed: &malformed),
            let fragments = try? HandshakeFragment.readAll(from: datagram.getSlice(at: record.fragmentIndex, length: record.fragmentLength)!)
        else { return nil }
        return HelloVerifier.initialHello(in: fragments, epoch: record.header.epoch, recordSequence: record.header.sequenceNumber)
    }

    /// A datagram of one record holding `hello` unfragmented.
    static func datagram(carrying hello: ClientHello, sequence: UInt16, recordSequence: UInt64) -> ByteBuffer {
        let payload = HandshakeMessage(type: .clientHello, sequence: sequence, body: hello.encoded, epoch: 0).unfragmentedBytes
        var datagram = ByteBuffer()
        RecordHeader(
            contentType: .handshake,
            version: .dtls12,
            epoch: 0,
            sequenceNumber: recordSequence & RecordHeader.maximumSequenceNumber,
            length: UInt16(truncatingIfNeeded: payload.readableBytes)
        ).encode(into: &datagram)
        datagram.writeImmutableBuffer(payload)
        return datagram
    }
}
