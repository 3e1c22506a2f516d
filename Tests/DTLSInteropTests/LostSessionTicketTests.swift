import DTLSCore
import NIOCore
import NIODTLS
import Testing

/// s_server sends its NewSessionTicket in one datagram and its ChangeCipherSpec and Finished in
/// the next. When the first is lost, the ChangeCipherSpec arrives before the ticket, and the
/// ticket comes again only with the server's next retransmission of the flight.
@Suite("a lost NewSessionTicket", .requires(.openssl), .timeLimit(.minutes(1)))
struct LostSessionTicketTests {
    @Test("our client still completes the handshake with s_server and keeps the ticket")
    func ticketLostOnce() async throws {
        // To the client: HelloVerifyRequest, then ServerHello and ServerHelloDone, then the
        // ticket (dropped), then ChangeCipherSpec and Finished, then the retransmitted
        // flight, one message a datagram. Nothing else is harmed or delayed: the seed keeps
        // the next 17 datagrams too, enough for any further retransmissions and the echo.
        let toClient = Impairment(loss: 0.05)
        let seed = try #require((1...UInt64(100_000)).first { seed in
            ImpairmentProxy.decisions(toClient, seed: seed, .toClient, count: 20).map(\.dropped)
                == [false, false, true] + Array(repeating: false, count: 17)
        })
        let peer = try await OpenSSLServer.start(key: .shared)
        defer { peer.process.stop() }
        let proxy = try await ImpairmentProxy.start(forwardingTo: peer.port, toServer: .none, toClient: toClient, seed: seed)
        defer { proxy.stop() }

        try await OurClient.withConnection(port: proxy.port) { connection in
            #expect(connection.sessionInfo.resumableSession?.ticket != nil)
            let message = "ping after a lost ticket\n"
            let echoed = try await OpenSSLServer.echo(message, through: peer, over: connection)
            #expect(echoed == message)
        }
        #expect(proxy.counters(.toClient).dropped == 1)
        #expect(await peer.process.standardError.waitUntil(contains: "SSLv3/TLS write session ticket", timeout: .seconds(5)))
    }
}
