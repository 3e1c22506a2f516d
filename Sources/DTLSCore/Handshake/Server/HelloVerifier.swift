import NIOCore

/// The server's stateless first step: check a ClientHello's cookie, or answer it with a
/// HelloVerifyRequest (RFC 6347 §4.2.1), without remembering anything about the client.
struct HelloVerifier: Sendable {
    let authenticator: CookieAuthenticator
    /// Whether a hello that resumes a session needs no cookie (``CookieExchange/enabledExceptResumption``).
    var admitsResumption = false

    /// A ClientHello as it arrives first: whole, alone, in epoch 0.
    struct InitialHello {
        var hello: ClientHello
        var message: HandshakeMessage
        var recordSequence: UInt64
    }

    /// Reads the ClientHello a connection-less server can accept: one unfragmented message.
    static func initialHello(in fragments: [HandshakeFragment], epoch: UInt16, recordSequence: UInt64) -> InitialHello? {
        guard epoch == 0, fragments.count == 1, let fragment = fragments.first,
            fragment.header.messageType == .clientHello, fragment.header.isUnfragmented,
            let hello = try? ClientHello.decode(fragment.body, context: "ClientHello")
        else { return nil }
        let message = HandshakeMessage(type: .clientHello, sequence: fragment.header.messageSequence, body: fragment.body, epoch: 0)
        return InitialHello(hello: hello, message: message, recordSequence: recordSequence)
    }

    /// Whether `initial` carries a cookie this verifier made for `peerAddress` recently.
    func isValid(_ initial: InitialHello, peerAddress: [UInt8], now: DTLSInstant) -> Bool {
        authenticator.verify(initial.hello, peerAddress: peerAddress, now: now)
    }

    /// Whether `initial` may start a handshake: it carries a valid cookie, or it resumes a
    /// session and resumptions need none.
    func admits(_ initial: InitialHello, peerAddress: [UInt8], configuration: DTLSConfiguration, now: DTLSInstant) -> Bool {
        if isValid(initial, peerAddress: peerAddress, now: now) { return true }
        return admitsResumption && ServerResumption.resumableSession(for: initial.hello, configuration: configuration, now: now) != nil
    }

    /// A datagram with the HelloVerifyRequest for `initial`, mirroring its record and message
    /// sequence numbers so retransmitted hellos get consistent answers.
    func helloVerifyRequest(for initial: InitialHello, peerAddress: [UInt8], now: DTLSInstant) -> ByteBuffer {
        let request = HelloVerifyRequest(cookie: authenticator.cookie(for: initial.hello, peerAddress: peerAddress, now: now))
        let payload = HandshakeMessage(type: .helloVerifyRequest, sequence: initial.message.sequence, body: request.encoded, epoch: 0)
            .unfragmentedBytes
        var datagram = ByteBuffer()
        RecordHeader(
            contentType: .handshake,
            version: .dtls10,
            epoch: 0,
            sequenceNumber: initial.recordSequence,
            length: UInt16(payload.readableBytes)
        ).encode(into: &datagram)
        datagram.writeImmutableBuffer(payload)
        return datagram
    }
}
