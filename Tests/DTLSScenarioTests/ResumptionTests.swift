import Crypto
import NIOCore
import Testing

@testable import DTLSCore
@testable import DTLSSimulation

/// Session resumption by session ID (server cache) and by RFC 5077 ticket.
@Suite("Session resumption")
struct ResumptionTests {
    static let ring = DTLSTicketKeyRing(keys: [try! .init(material: Array(repeating: 1, count: 48))], wallClock: { 1_800_000_000 })

    private func server(cache: DTLSSessionCache? = nil, tickets: DTLSTicketKeyRing? = nil) -> DTLSConfiguration {
        var configuration = Fixtures.server()
        configuration.sessionCache = cache
        configuration.sessionTickets = tickets
        return configuration
    }

    private func client(resuming session: DTLSResumableSession? = nil) -> DTLSConfiguration {
        var configuration = Fixtures.client()
        configuration.sessionToResume = session
        return configuration
    }

    /// Completes a full handshake and returns what the client may resume.
    private func fullHandshake(server: DTLSConfiguration) throws -> (DTLSResumableSession, SimulatedPair) {
        let pair = try SimulatedPair(client: client(), server: server)
        #expect(pair.runHandshake())
        #expect(pair.clientSession?.resumed == false)
        return (try #require(pair.clientSession?.resumableSession), pair)
    }

    private func serverMessages(_ pair: SimulatedPair) -> [HandshakeType] {
        pair.handshakeFragments(from: .server).map(\.messageType).filter { $0 != .helloVerifyRequest }
    }

    @Test("resumption by session ID is an abbreviated handshake with fewer bytes")
    func sessionID() throws {
        let cache = DTLSSessionCache()
        let (session, full) = try fullHandshake(server: server(cache: cache))
        #expect(session.sessionID.count == 32)
        #expect(session.ticket == nil)
        #expect(cache.count == 1)

        let resumed = try SimulatedPair(client: client(resuming: session), server: server(cache: cache))
        #expect(resumed.runHandshake())
        #expect(resumed.clientSession?.resumed == true)
        #expect(resumed.serverSession?.resumed == true)
        #expect(serverMessages(resumed) == [.serverHello])
        #expect(resumed.serverSession?.pskIdentity == Fixtures.identity)
        let fullBytes = full.transmissions.filter(\.duringHandshake).reduce(0) { $0 + $1.datagram.readableBytes }
        let resumedBytes = resumed.transmissions.filter(\.duringHandshake).reduce(0) { $0 + $1.datagram.readableBytes }
        #expect(resumedBytes < fullBytes)
        try resumed.send(Array("resumed".utf8), from: .client)
        resumed.run(until: { resumed.serverReceived.count == 1 })
        #expect(resumed.received(on: .server) == ["resumed"])
    }

    @Test("resumption by ticket: a ticket under the current key is kept, one under an older key is renewed")
    func ticket() throws {
        let (session, full) = try fullHandshake(server: server(tickets: Self.ring))
        #expect(session.ticket?.isEmpty == false)
        #expect(serverMessages(full).contains(.newSessionTicket))

        let resumed = try SimulatedPair(client: client(resuming: session), server: server(tickets: Self.ring))
        #expect(resumed.runHandshake())
        #expect(resumed.clientSession?.resumed == true)
        #expect(serverMessages(resumed) == [.serverHello])
        #expect(resumed.clientSession?.resumableSession?.ticket == session.ticket)

        var rotated = Self.ring
        rotated.keys.insert(try .init(material: Array(repeating: 3, count: 48)), at: 0)
        let renewed = try SimulatedPair(client: client(resuming: session), server: server(tickets: rotated))
        #expect(renewed.runHandshake())
        #expect(renewed.clientSession?.resumed == true)
        #expect(serverMessages(renewed) == [.serverHello, .newSessionTicket])
        let fresh = try #require(renewed.clientSession?.resumableSession?.ticket)
        let old = try #require(session.ticket)
        #expect(rotated.isSealedWithCurrentKey(fresh) && !rotated.isSealedWithCurrentKey(old))
        #expect(rotated.open(fresh)?.masterSecret == Self.ring.open(old)?.masterSecret)
    }

    @Test("a ticket sealed by one server is accepted by another with the same ring, refused after rotation")
    func sharedRing() throws {
        let (session, _) = try fullHandshake(server: server(tickets: Self.ring))
        let other = try SimulatedPair(client: client(resuming: session), server: server(tickets: Self.ring))
        #expect(other.runHandshake())
        #expect(other.serverSession?.resumed == true)

        var rotated = Self.ring
        rotated.keys = [try .init(material: Array(repeating: 2, count: 48))]
        let refused = try SimulatedPair(client: client(resuming: session), server: server(tickets: rotated))
        #expect(refused.runHandshake())
        #expect(refused.serverSession?.resumed == false)
        #expect(refused.clientSession?.resumed == false)

        var graceful = rotated
        graceful.keys.append(contentsOf: Self.ring.keys)
        let stillAccepted = try SimulatedPair(client: client(resuming: session), server: server(tickets: graceful))
        #expect(stillAccepted.runHandshake())
        #expect(stillAccepted.serverSession?.resumed == true)
    }

    @Test("an expired ticket, a forged ticket and an unknown session ID all fall back to a full handshake")
    func fallbacks() throws {
        let (session, _) = try fullHandshake(server: server(tickets: Self.ring))
        var later = Self.ring
        later.wallClock = { 1_800_000_000 + 86_400 + 1 }
        let expired = try SimulatedPair(client: client(resuming: session), server: server(tickets: later))
        #expect(expired.runHandshake())
        #expect(expired.serverSession?.resumed == false)

        var tampered = try #require(session.ticket)
        tampered[tampered.count - 1] ^= 1
        for ticket in [tampered, [1, 2, 3], Array(repeating: 0, count: 200)] {
            let forged = try SimulatedPair(client: client(resuming: session.with(ticket: ticket, sessionID: [])), server: server(tickets: Self.ring))
            #expect(forged.runHandshake())
            #expect(forged.serverSession?.resumed == false)
        }

        let unknown = session.with(ticket: nil, sessionID: Array(repeating: 9, count: 32))
        let miss = try SimulatedPair(client: client(resuming: unknown), server: server(cache: DTLSSessionCache()))
        #expect(miss.runHandshake())
        #expect(miss.serverSession?.resumed == false)
    }

    @Test("the cache evicts the least recently used session and forgets sessions after their lifetime")
    func cacheBounds() throws {
        let cache = DTLSSessionCache(capacity: 2, lifetime: .seconds(10))
        func session(_ id: UInt8) -> DTLSResumableSession {
            DTLSResumableSession(
                cipherSuite: .pskWithAES128CCM8,
                extendedMasterSecret: true,
                sessionID: Array(repeating: id, count: 32),
                ticket: nil,
                pskIdentity: nil,
                peerSubjectPublicKeyInfo: nil,
                createdAt: 0,
                masterSecret: Array(repeating: id, count: 48)
            )
        }
        let start = DTLSInstant(nanoseconds: 1_000_000_000)
        cache.store(session(1), now: start)
        cache.store(session(2), now: start)
        #expect(cache.lookup(session(1).sessionID, now: start) != nil)
        cache.store(session(3), now: start)
        #expect(cache.lookup(session(2).sessionID, now: start) == nil)
        #expect(cache.lookup(session(1).sessionID, now: start) != nil)
        #expect(cache.lookup(session(3).sessionID, now: start.advanced(by: .seconds(11))) == nil)
        #expect(cache.count == 1)
    }

    @Test("a session without extended master secret is not resumed by a hello that offers it (RFC 7627 §5.3)")
    func extendedMasterSecretMismatch() throws {
        let cache = DTLSSessionCache()
        let legacy = DTLSResumableSession(
            cipherSuite: .pskWithAES128CCM8,
            extendedMasterSecret: false,
            sessionID: Array(repeating: 7, count: 32),
            ticket: nil,
            pskIdentity: Fixtures.identity,
            peerSubjectPublicKeyInfo: nil,
            createdAt: 0,
            masterSecret: Array(repeating: 7, count: 48)
        )
        cache.store(legacy, now: DTLSInstant(nanoseconds: 1_000_000_000))
        let pair = try SimulatedPair(client: client(resuming: legacy), server: server(cache: cache))
        #expect(pair.runHandshake())
        #expect(pair.serverSession?.resumed == false)
        #expect(pair.serverSession?.extendedMasterSecret == true)
    }

    @Test("a client resumes after answering a HelloVerifyRequest, and recovers a lost final flight", arguments: 1...5)
    func lossyResumption(seed: UInt64) throws {
        let cache = DTLSSessionCache()
        let (session, _) = try fullHandshake(server: server(cache: cache))
        var client = client(resuming: session)
        client.retransmission = Fixtures.patientRetransmission
        var server = server(cache: cache)
        server.retransmission = Fixtures.patientRetransmission
        let link = LinkConditions(lossRate: 0.3, duplicationRate: 0.1, reorderRate: 0.2)
        let pair = try SimulatedPair(client: client, server: server, clientToServer: link, serverToClient: link, seed: seed)
        #expect(pair.runHandshake())
        #expect(pair.serverSession?.resumed == true)
        #expect(pair.handshakeFragments(from: .server).first?.messageType == .helloVerifyRequest)
    }

    @Test("an ECDHE session with raw public keys resumes without public-key operations")
    func publicKeyResumption() throws {
        var serverConfiguration = PublicKeyHandshakeTests.server()
        serverConfiguration.sessionCache = DTLSSessionCache()
        let first = try SimulatedPair(client: PublicKeyHandshakeTests.client(), server: serverConfiguration)
        #expect(first.runHandshake())
        var clientConfiguration = PublicKeyHandshakeTests.client()
        clientConfiguration.sessionToResume = first.clientSession?.resumableSession
        let resumed = try SimulatedPair(client: clientConfiguration, server: serverConfiguration)
        #expect(resumed.runHandshake())
        #expect(resumed.clientSession?.resumed == true)
        #expect(!resumed.handshakeFragments(from: .server).contains { $0.messageType == .certificate })
        #expect(resumed.clientSession?.peerIdentity?.subjectPublicKeyInfo == PublicKeyHandshakeTests.spki(PublicKeyHandshakeTests.serverKey))
    }

    @Test("a lost NewSessionTicket: the ChangeCipherSpec waits for the retransmitted flight, which completes the handshake")
    func lostNewSessionTicket() throws {
        let script = try ClientScript()
        var extensions = ClientScript.standardExtensions
        extensions.set(SessionTicketExtension())
        script.readFlightFive(try script.deliver([script.serverHello(extensions: extensions), script.serverHelloDone()]).datagrams)
        let ticket = script.server.message(.newSessionTicket, NewSessionTicket(lifetimeHint: 60, ticket: [1, 2, 3, 4]))
        script.server.startWritingEpoch1()
        let finished = script.server.message(.finished, script.server.finished(), epoch: 1)

        try script.deliver([.changeCipherSpec(epoch: 0), finished])
        #expect(script.events.closeError == nil)
        #expect(!script.events.completed)
        try script.deliver([ticket, .changeCipherSpec(epoch: 0), finished])
        #expect(script.events.completed)
        #expect(script.connection.sessionInfo?.resumableSession?.ticket == [1, 2, 3, 4])
    }

    @Test("cookies except for resumption: a resuming hello is answered at once, anything else gets a HelloVerifyRequest")
    func cookieExceptResumption() throws {
        let cache = DTLSSessionCache()
        var skipping = server(cache: cache, tickets: Self.ring)
        skipping.cookieExchange = .enabledExceptResumption
        let (session, full) = try fullHandshake(server: skipping)
        #expect(full.handshakeFragments(from: .server).first?.messageType == .helloVerifyRequest)

        let byTicket = try SimulatedPair(client: client(resuming: session), server: skipping)
        #expect(byTicket.runHandshake())
        #expect(byTicket.serverSession?.resumed == true)
        #expect(byTicket.handshakeFragments(from: .server).map(\.messageType) == [.serverHello])
        #expect(byTicket.handshakeDatagrams(from: .client).count == 2)

        var idOnly = client(resuming: session.with(ticket: nil, sessionID: session.sessionID))
        idOnly.requestsTickets = false
        let byID = try SimulatedPair(client: idOnly, server: skipping)
        #expect(byID.runHandshake())
        #expect(byID.serverSession?.resumed == true)
        #expect(byID.handshakeFragments(from: .server).first?.messageType == .serverHello)
    }

    @Test("cookies except for resumption: only a hello that would resume skips the HelloVerifyRequest", arguments: ["resumes", "unknown ID", "no EMS", "other suite"])
    func cookieGate(_ variant: String) throws {
        let cache = DTLSSessionCache()
        var skipping = server(cache: cache)
        skipping.cookieExchange = .enabledExceptResumption
        var plain = client()
        plain.requestsTickets = false
        let first = try SimulatedPair(client: plain, server: skipping)
        #expect(first.runHandshake())
        let session = try #require(first.clientSession?.resumableSession)

        var extensions = HelloExtensions()
        extensions.set(ExtendedMasterSecretExtension())
        var hello = ClientHello(random: Array(repeating: 1, count: 32), sessionID: session.sessionID, cipherSuites: [.pskWithAES128CCM8], extensions: extensions)
        switch variant {
        case "unknown ID": hello.sessionID = Array(repeating: 9, count: 32)
        case "no EMS": hello.extensions = HelloExtensions()
        case "other suite": hello.cipherSuites = [.pskWithChaCha20Poly1305SHA256]
        default: break
        }
        let peer = ScriptedPeer(role: .client)
        let datagram = try #require(try peer.datagrams([peer.message(.clientHello, hello)]).first)
        let verdict = try DTLSServer(configuration: skipping).inspect(datagram: datagram, from: [10, 0, 0, 1], now: DTLSInstant(nanoseconds: 1_000_000_000))
        switch (variant, verdict) {
        case ("resumes", .accept): break
        case ("resumes", _): Issue.record("a resuming hello was not accepted without a cookie: \(verdict)")
        case (_, .reply): break
        default: Issue.record("\(variant): expected a HelloVerifyRequest, got \(verdict)")
        }
    }
}
