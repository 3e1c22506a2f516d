import NIOCore

/// The server side's shared, stateless part: answers first datagrams from unknown peers and
/// creates a ``DTLSConnection`` once a peer has proven its address.
///
/// With the cookie exchange on, a ClientHello must fit in one datagram, since a stateless server
/// cannot reassemble fragments (OpenSSL's `DTLSv1_listen` has the same rule).
///
/// A multi-peer server calls ``inspect(datagram:from:now:)`` for each datagram from an address
/// it has no connection for. Only when that returns ``InitialDatagramVerdict/accept`` does it
/// create a connection with ``makeConnection(peerAddress:)`` and feed it the same datagram, so
/// floods of spoofed ClientHellos cost no memory (RFC 6347 §4.2.1).
public struct DTLSServer: Sendable {
    /// The configuration every connection is created with.
    public let configuration: DTLSConfiguration
    private let helloVerifier: HelloVerifier?

    /// What to do with a datagram from a peer without a connection.
    public enum InitialDatagramVerdict: Sendable {
        /// A ClientHello that may proceed: create a connection and give it this datagram.
        case accept
        /// Send this HelloVerifyRequest back and forget the datagram.
        case reply(ByteBuffer)
        /// Ignore the datagram.
        case drop(DropReason)
    }

    /// - Parameter cookieSecret: the secret cookies are made from. Servers sharing it accept
    ///   each other's cookies; by default a random one is drawn from the configuration's source.
    public init(configuration: DTLSConfiguration, cookieSecret: [UInt8]? = nil) throws(DTLSError) {
        try configuration.validate(for: .server)
        self.configuration = configuration
        switch configuration.cookieExchange {
        case .enabled, .enabledExceptResumption:
            let secret = cookieSecret ?? configuration.randomSource.bytes(32)
            self.helloVerifier = HelloVerifier(
                authenticator: CookieAuthenticator(secret: secret),
                admitsResumption: configuration.cookieExchange == .enabledExceptResumption
            )
        case .disabled:
            self.helloVerifier = nil
        }
    }

    /// Classifies a datagram from a peer that has no connection yet.
    ///
    /// - Parameter peerAddress: bytes naming the peer's transport address (for example IP
    ///   address and port); cookies are bound to them.
    public func inspect(datagram: ByteBuffer, from peerAddress: [UInt8], now: DTLSInstant) -> InitialDatagramVerdict {
        var index = datagram.readerIndex
        var malformed = false
        guard let record = DatagramRecords.next(in: datagram, at: &index, malformed: &malformed) else {
            return .drop(.malformedRecord)
        }
        guard record.header.contentType == .handshake, record.header.epoch == 0 else {
            return .drop(.unexpectedContentType)
        }
        guard record.header.version == .dtls12 || record.header.version == .dtls10 else {
            return .drop(.unsupportedVersion)
        }
        let fragment = datagram.getSlice(at: record.fragmentIndex, length: record.fragmentLength)!
        guard let fragments = try? HandshakeFragment.readAll(from: fragment), fragments.first?.header.messageType == .clientHello else {
            return .drop(.malformedHandshakeFragment)
        }
        guard let initial = HelloVerifier.initialHello(in: fragments, epoch: 0, recordSequence: record.header.sequenceNumber) else {
            // A fragmented hello can only be reassembled by a connection, which holds state.
            return helloVerifier == nil ? .accept : .drop(.fragmentedClientHello)
        }
        guard let helloVerifier else { return .accept }
        if helloVerifier.admits(initial, peerAddress: peerAddress, configuration: configuration, now: now) { return .accept }
        return .reply(helloVerifier.helloVerifyRequest(for: initial, peerAddress: peerAddress, now: now))
    }

    /// The length of the connection IDs clients put in records to this server (0: none).
    public var connectionIDLength: Int { configuration.connectionIDs?.generator.length ?? 0 }

    /// The connection ID a datagram's first record carries, for routing before the source
    /// address (RFC 9146 §6); nil when it has none of this server's length.
    public func connectionID(in datagram: ByteBuffer) -> [UInt8]? {
        let length = connectionIDLength
        guard length > 0, datagram.getInteger(at: datagram.readerIndex, as: UInt8.self) == ContentType.connectionID.rawValue else {
            return nil
        }
        return datagram.getBytes(at: datagram.readerIndex + 11, length: length)
    }

    /// A connection for the peer at `peerAddress`, ready for its first datagram.
    public func makeConnection(peerAddress: [UInt8]) -> DTLSConnection {
        DTLSConnection(server: configuration, helloVerifier: helloVerifier, peerAddress: peerAddress)
    }
}
