import Crypto
import DTLSCore
import NIOCore
import NIODTLS

/// The scenes of `dtls demo`, each on its own server and relay.
enum DemoScenes {
    static let message = "hello from swift-dtls"

    /// PSK with the cookie exchange.
    static func preSharedKey() async throws {
        let (server, client) = pskPair()
        try await plainScene(title: "PSK (TLS_PSK_WITH_AES_128_CCM_8) with cookie exchange", server: server, client: client)
    }

    /// ECDHE-ECDSA with raw public keys on both sides.
    static func rawPublicKeys() async throws {
        let (server, client) = rawPublicKeyPair()
        try await plainScene(
            title: "ECDHE-ECDSA (TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8) with raw public keys, both sides authenticated",
            server: server,
            client: client
        )
    }

    /// A full ECDHE-ECDSA handshake, then abbreviated ones resuming it by session ID and by
    /// ticket (RFC 7925 §7).
    static func resumption() async throws {
        var (server, client) = rawPublicKeyPair()
        server.sessionCache = DTLSSessionCache(capacity: 16)
        server.sessionTickets = try TicketKeys.ring(file: nil)
        try await DemoStage.with(server: server) { stage in
            Terminal.output("== Session resumption: the same ECDHE-ECDSA client reconnects, by session ID and by RFC 5077 ticket")
            client.requestsTickets = false
            let (first, full) = try await stage.connect(client)
            await first.close()
            Terminal.output("first connection: full handshake, \(full.datagrams) datagrams, \(full.bytes) bytes, \(milliseconds(full.duration)) ms")
            Terminal.output("")

            client.sessionToResume = first.sessionInfo.resumableSession
            await stage.settle()
            let mark = stage.relay.entries.count
            let (resumed, byID) = try await stage.connect(client)
            stage.printTranscript(from: mark, handshakeEntries: byID.datagrams)
            stage.printSummary(resumed, byID)
            try await stage.echo(message, over: resumed)
            await resumed.close()
            guard resumed.sessionInfo.resumed else { throw CommandFailure.failed("the server did not resume the session") }

            // The same with a ticket: the server keeps nothing, the client carries the sealed session.
            client.requestsTickets = true
            client.sessionToResume = nil
            let (ticketed, _) = try await stage.connect(client)
            await ticketed.close()
            client.sessionToResume = ticketed.sessionInfo.resumableSession
            let (fromTicket, byTicket) = try await stage.connect(client)
            await fromTicket.close()
            guard fromTicket.sessionInfo.resumed else { throw CommandFailure.failed("the server did not accept its ticket") }
            Terminal.output("")
            Terminal.output("full handshake:        \(full.datagrams) datagrams, \(full.bytes) bytes, \(milliseconds(full.duration)) ms (two signatures, two key agreements)")
            Terminal.output("resumed by session ID: \(byID.datagrams) datagrams, \(byID.bytes) bytes, \(milliseconds(byID.duration)) ms (no public-key operation)")
            Terminal.output("resumed by ticket:     \(byTicket.datagrams) datagrams, \(byTicket.bytes) bytes, \(milliseconds(byTicket.duration)) ms (the ticket travels in both ClientHellos)")
        }
    }

    /// A client behind a NAT whose mapping changes: the connection ID (RFC 9146) keeps the
    /// session, with no new handshake.
    static func connectionID() async throws {
        var (server, client) = pskPair()
        server.connectionIDs = .random(length: 4)
        client.connectionIDs = .random(length: 0)
        try await DemoStage.with(server: server) { stage in
            Terminal.output("== Connection ID (RFC 9146): the client's address changes mid-session")
            Terminal.output("the server asks for a 4-byte ID in the client's records; the client, like a constrained device, asks for none")
            Terminal.output("")
            let (connection, cost) = try await stage.connect(client)
            stage.printTranscript(from: 0, handshakeEntries: cost.datagrams, serverConnectionIDLength: 4)
            stage.printSummary(connection, cost)
            try await stage.echo(message, over: connection)
            let before = await stage.lastAccepted?.remoteAddress

            let mark = stage.relay.entries.count
            let moved = try await stage.relay.rebind()
            Terminal.output("")
            Terminal.output("-- the relay now forwards the client's datagrams from \(moved), as a NAT does after its mapping expired")
            try await stage.echo("still here after moving", over: connection)
            await stage.settle()
            stage.printTranscript(from: mark, handshakeEntries: 0, serverConnectionIDLength: 4)
            let statistics = try await stage.server.statistics
            let after = await stage.lastAccepted?.remoteAddress
            Terminal.output(
                "server:     \(statistics.handshakesCompleted) handshake, \(statistics.addressChanges) address change; "
                    + "the session moved from \(before.map { "\($0)" } ?? "?") to \(after.map { "\($0)" } ?? "?")"
            )
            await connection.close()
            guard statistics.handshakesCompleted == 1, statistics.addressChanges == 1 else {
                throw CommandFailure.failed("the server did not follow the client to its new address")
            }
        }
    }

    // MARK: Configurations

    private static func pskPair() -> (server: DTLSConfiguration, client: DTLSConfiguration) {
        let identity = Array("demo-client".utf8)
        let key = SystemRandomSource().bytesForDemo(16)
        var server = DTLSConfiguration.psk(store: StaticPSKStore(identity: identity, key: key))
        server.cookieExchange = .enabled
        return (server, .psk(identity: identity, key: key))
    }

    private static func rawPublicKeyPair() -> (server: DTLSConfiguration, client: DTLSConfiguration) {
        let serverKey = P256.Signing.PrivateKey()
        let clientKey = P256.Signing.PrivateKey()
        var server = DTLSConfiguration()
        server.certificateCredentials = .rawPublicKey(serverKey)
        server.peerAuthentication = .pinnedRawPublicKeys([Array(clientKey.publicKey.derRepresentation)])
        server.clientAuthentication = .required
        var client = DTLSConfiguration()
        client.certificateCredentials = .rawPublicKey(clientKey)
        client.peerAuthentication = .pinnedRawPublicKeys([Array(serverKey.publicKey.derRepresentation)])
        return (server, client)
    }

    /// One handshake and echo with the full transcript.
    private static func plainScene(title: String, server: DTLSConfiguration, client: DTLSConfiguration) async throws {
        try await DemoStage.with(server: server) { stage in
            Terminal.output("== \(title)")
            Terminal.output("server on \(stage.server.localAddress), client connects through a logging relay on \(stage.relay.localAddress)")
            Terminal.output("")
            let (connection, cost) = try await stage.connect(client)
            stage.printTranscript(from: 0, handshakeEntries: cost.datagrams)
            stage.printSummary(connection, cost)
            try await stage.echo(message, over: connection)
            await connection.close()
        }
    }
}
