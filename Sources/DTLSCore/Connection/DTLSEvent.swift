import NIOCore

/// Something a connection produced for its driver to act on, in order.
public enum DTLSEvent: Sendable {
    /// Send this datagram to the peer. It is already no larger than the configured MTU.
    case transmit(ByteBuffer)
    /// The handshake finished; application data may flow.
    indirect case handshakeCompleted(DTLSSessionInfo)
    /// The peer sent an X.509 chain: run ``DTLSPeerVerificationRequest/verify()`` (or decide
    /// otherwise) and pass the verdict to ``DTLSConnection/completePeerVerification(_:now:)``.
    /// The handshake waits until then.
    indirect case verifyPeer(DTLSPeerVerificationRequest)
    /// Decrypted application data from one record.
    case applicationData(ByteBuffer)
    /// The connection ended: nil after an orderly close_notify (either side), or the error
    /// that failed it. Nothing follows this event.
    case closed(DTLSError?)
}
