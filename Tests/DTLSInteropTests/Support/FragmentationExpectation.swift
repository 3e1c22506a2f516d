import DTLSCore
import Testing

extension DTLSConfiguration {
    /// The DER bytes of the certificate chain this endpoint presents; 0 without one.
    var certificateChainBytes: Int {
        guard case .x509(let chain) = certificateCredentials?.presentation else { return 0 }
        return chain.reduce(0) { $0 + $1.count }
    }
}

/// Expects our side to have split its certificate flight to fit `mtu`.
///
/// `sent` is what a ``DatagramRelay`` saw our side send, `statistics` our connection's
/// counters. The handshake completed, so the peer received our Certificate message of more
/// than `certificateBytes` (the chain) although no datagram from our side exceeded `mtu`: the
/// message was fragmented. Our statistics must agree: handshake datagrams within `mtu` on
/// average, and enough of them to carry the chain plus at least one more flight.
func expectFragmented(
    sent: DatagramRelay.Traffic,
    statistics: DTLSStatistics,
    mtu: Int,
    certificateBytes: Int,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(certificateBytes > mtu, "the chain must not fit one datagram", sourceLocation: sourceLocation)
    #expect(sent.largest <= mtu, "our side sent a \(sent.largest)-byte datagram", sourceLocation: sourceLocation)
    let datagrams = statistics.handshakeDatagramsSent
    #expect(
        statistics.handshakeBytesSent <= datagrams * mtu,
        "\(statistics.handshakeBytesSent) handshake bytes in \(datagrams) datagrams exceed \(mtu) each",
        sourceLocation: sourceLocation
    )
    #expect(
        datagrams >= (certificateBytes + mtu - 1) / mtu + 1,
        "\(datagrams) handshake datagrams cannot carry a \(certificateBytes)-byte chain within \(mtu)",
        sourceLocation: sourceLocation
    )
    #expect(sent.count >= datagrams, sourceLocation: sourceLocation)
}
