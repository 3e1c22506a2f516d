import DTLSCore

/// The fixed server, peer and clock `FuzzServerFirstDatagram` checks first datagrams with.
///
/// Fixed so that seeds can carry cookies the server accepts. Input layout: one flags byte
/// (bit 0: cookie exchange on; bits 1-2: the datagram arrives 0, 60, 120 or 180 s after
/// ``now``, across cookie periods; bit 3: connection IDs under mbed TLS's code point), then
/// the datagram. The server is ``FuzzConfigurations/server(cookies:mtu:connectionIDCodePoint:sessionCache:)``.
public enum FirstDatagramSetup {
    public static let cookieSecret: [UInt8] = Array(repeating: 0x5C, count: 32)
    public static let peerAddress: [UInt8] = [198, 51, 100, 7, 0x16, 0x33]
    /// Another peer, whose cookies must not pass for ``peerAddress``'s.
    public static let otherAddress: [UInt8] = [198, 51, 100, 8, 0x16, 0x33]
    public static let now = DTLSInstant(nanoseconds: 1_000_000_000_000)

    /// The stateless server, with or without the cookie exchange.
    public static func server(cookies: Bool, connectionIDCodePoint: ConnectionIDCodePoint = .rfc9146) -> DTLSServer {
        let configuration = FuzzConfigurations.server(cookies: cookies ? .enabled : .disabled, connectionIDCodePoint: connectionIDCodePoint)
        return try! DTLSServer(configuration: configuration, cookieSecret: cookieSecret)
    }

    /// The server a flags byte asks for.
    public static func server(flags: UInt8) -> DTLSServer {
        server(cookies: flags & 1 != 0, connectionIDCodePoint: flags & 8 == 0 ? .rfc9146 : .mbedTLSCompatibility)
    }

    /// The flags byte for these settings.
    public static func flags(cookies: Bool, delayPeriods: UInt8 = 0, mbedTLSConnectionIDs: Bool = false) -> UInt8 {
        (cookies ? 1 : 0) | (delayPeriods & 3) << 1 | (mbedTLSConnectionIDs ? 8 : 0)
    }

    /// When a datagram with `flags` arrives.
    public static func arrival(flags: UInt8) -> DTLSInstant {
        now.advanced(by: .seconds(60 * Int((flags >> 1) & 3)))
    }
}
