import DTLSCore
import FuzzSupport
import NIOCore

/// Seeds for `FuzzServerFirstDatagram`: each client's first datagram, with cookies off and on,
/// and, where it holds a whole ClientHello, its retry carrying the cookie the fixed server
/// makes, on time and one period late.
enum FirstDatagramSeeds {
    static func make(from handshakes: [RecordedHandshake]) -> [Seed] {
        var seeds: [Seed] = []
        for handshake in handshakes {
            guard let first = handshake.datagrams(from: .client).first else { continue }
            let bytes = Array(buffer: first)
            let mbedTLS = handshake.features.connectionIDCodePoint == .mbedTLSCompatibility
            let cookieFlags = FirstDatagramSetup.flags(cookies: true, mbedTLSConnectionIDs: mbedTLS)
            seeds.append((name: "\(handshake.name)-hello", bytes: [FirstDatagramSetup.flags(cookies: false, mbedTLSConnectionIDs: mbedTLS)] + bytes))
            seeds.append((name: "\(handshake.name)-hello-cookies", bytes: [cookieFlags] + bytes))
            let server = FirstDatagramSetup.server(flags: cookieFlags)
            guard case .reply(let reply) = server.inspect(datagram: first, from: FirstDatagramSetup.peerAddress, now: FirstDatagramSetup.now),
                let retry = CookieRetry.retry(of: first, answeredWith: reply)
            else { continue }
            for delay: UInt8 in [0, 1] {
                let flags = FirstDatagramSetup.flags(cookies: true, delayPeriods: delay, mbedTLSConnectionIDs: mbedTLS)
                seeds.append((name: "\(handshake.name)-retry-\(delay)", bytes: [flags] + Array(buffer: retry)))
            }
        }
        return seeds
    }
}
