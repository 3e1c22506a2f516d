import Testing

@testable import DTLSCore

/// The client's abbreviated-handshake states against a scripted server that answers a
/// resumption attempt wrongly: each ends with the named alert and no data accepted.
@Suite("Client state machine when resuming")
struct ClientResumptionStateTests {
    static let sessionID = [UInt8](repeating: 0x5E, count: 32)

    /// A client offering a session (PSK, CCM_8, extended master secret) by its ID.
    static func script(suites: [CipherSuite] = [.pskWithAES128CCM8], extendedMasterSecret: Bool = true) throws -> ClientScript {
        var configuration = Fixtures.client()
        configuration.cipherSuites = suites
        configuration.requestsTickets = false
        configuration.sessionToResume = DTLSResumableSession(
            cipherSuite: .pskWithAES128CCM8,
            extendedMasterSecret: extendedMasterSecret,
            sessionID: sessionID,
            ticket: nil,
            pskIdentity: Fixtures.identity,
            peerSubjectPublicKeyInfo: nil,
            createdAt: 0,
            masterSecret: Array(repeating: 0x33, count: 48)
        )
        return try ClientScript(configuration: configuration)
    }

    /// A ServerHello echoing the offered session ID, which announces resumption.
    static func resumingHello(_ script: ClientScript, suite: CipherSuite = .pskWithAES128CCM8, extensions: HelloExtensions = ClientScript.standardExtensions) -> Flight.Item {
        script.server.message(.serverHello, ServerHello(random: script.server.serverRandom, sessionID: sessionID, cipherSuite: suite, extensions: extensions))
    }

    private func expectFailure(_ script: ClientScript, _ code: DTLSError.Code, alert: AlertDescription) {
        #expect(script.events.closeError??.code == code)
        #expect(script.sentAlerts == [Alert(level: .fatal, description: alert)])
        #expect(!script.events.completed)
        script.expectNoApplicationDataAccepted()
    }

    @Test("the hello offers the session's ID")
    func offer() throws {
        #expect(try Self.script().hello.sessionID == Self.sessionID)
    }

    @Test("a Certificate or ServerHelloDone after a resuming ServerHello is unexpected_message", arguments: [HandshakeType.certificate, .serverHelloDone])
    func fullHandshakeMessageAfterResumption(type: HandshakeType) throws {
        let script = try Self.script()
        try script.deliver([Self.resumingHello(script), script.server.rawMessage(type, body: [], sequence: 1)])
        expectFailure(script, .unexpectedMessage, alert: .unexpectedMessage)
    }

    @Test("resuming with another suite than the session's is illegal_parameter")
    func otherSuite() throws {
        let script = try Self.script(suites: [.pskWithAES128CCM8, .pskWithChaCha20Poly1305SHA256])
        try script.deliver([Self.resumingHello(script, suite: .pskWithChaCha20Poly1305SHA256)])
        expectFailure(script, .illegalParameter, alert: .illegalParameter)
    }

    @Test("resuming an extended-master-secret session without the extension is handshake_failure (RFC 7627 §5.3)")
    func extendedMasterSecretDropped() throws {
        let script = try Self.script()
        var extensions = HelloExtensions()
        extensions.set(RenegotiationInfoExtension())
        try script.deliver([Self.resumingHello(script, extensions: extensions)])
        expectFailure(script, .handshakeFailure, alert: .handshakeFailure)
    }

    @Test("a NewSessionTicket the ServerHello did not announce is unexpected_message")
    func unannouncedTicket() throws {
        let script = try Self.script()
        try script.deliver([Self.resumingHello(script), script.server.message(.newSessionTicket, NewSessionTicket(lifetimeHint: 0, ticket: [1]))])
        expectFailure(script, .unexpectedMessage, alert: .unexpectedMessage)
    }

    @Test("a ChangeCipherSpec and a Finished under other keys never complete the handshake")
    func wrongKeys() throws {
        let script = try Self.script()
        try script.deliver([Self.resumingHello(script)])
        script.server.deriveKeys(psk: Array(repeating: 0x77, count: 16))
        script.server.startWritingEpoch1()
        try script.deliver([.changeCipherSpec(epoch: 0), script.server.message(.finished, script.server.finished(), epoch: 1)])
        #expect(!script.events.completed)
        script.expireRetransmissionTimer()
        expectFailure(script, .peerRecordsNotAuthenticated, alert: .badRecordMAC)
    }
}

/// The server's abbreviated-handshake states against a scripted client.
@Suite("Server state machine when resuming")
struct ServerResumptionStateTests {
    /// A server whose cache holds ``ClientResumptionStateTests/sessionID``.
    static func script() throws -> ServerScript {
        var configuration = Fixtures.server(cookies: .disabled)
        let cache = DTLSSessionCache(capacity: 4)
        cache.store(
            DTLSResumableSession(
                cipherSuite: .pskWithAES128CCM8,
                extendedMasterSecret: true,
                sessionID: ClientResumptionStateTests.sessionID,
                ticket: nil,
                pskIdentity: Fixtures.identity,
                peerSubjectPublicKeyInfo: nil,
                createdAt: 0,
                masterSecret: Array(repeating: 0x33, count: 48)
            ),
            now: DTLSInstant(nanoseconds: 1_000_000_000)
        )
        configuration.sessionCache = cache
        return try ServerScript(configuration: configuration)
    }

    @Test("the server resumes: ServerHello, ChangeCipherSpec and Finished, no key exchange")
    func abbreviatedFlight() throws {
        let script = try Self.script()
        let flight = try script.deliver([script.clientHello { $0.sessionID = ClientResumptionStateTests.sessionID }]).datagrams
        let records = flight.flatMap { DTLSWireInspector.records(in: $0) }
        #expect(records.flatMap(\.handshakeFragments).map(\.messageType) == [.serverHello])
        #expect(records.map(\.contentType) == [.handshake, .changeCipherSpec, .handshake])
        #expect(records.map(\.epoch) == [0, 0, 1])
    }

    @Test("a ClientKeyExchange in answer to a resumption is unexpected_message")
    func keyExchangeAfterResumption() throws {
        let script = try Self.script()
        try script.deliver([script.clientHello { $0.sessionID = ClientResumptionStateTests.sessionID }])
        try script.deliver([script.clientKeyExchange()])
        #expect(script.events.closeError??.code == .unexpectedMessage)
        // The alert goes out under the resumed session's keys, which the script does not hold.
        #expect(script.connection?.failure?.alertToSend == .unexpectedMessage)
        script.expectNoApplicationDataAccepted()
    }
}
