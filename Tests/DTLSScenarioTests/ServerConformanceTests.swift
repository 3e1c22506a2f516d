import NIOCore
import Testing

@testable import DTLSCore

/// The server against the state-machine bug patterns catalogued by the 2020 protocol-state
/// fuzzing study of DTLS libraries (Fiterau-Brostean et al., "Analysis of DTLS Implementations
/// Using Protocol State Fuzzing", USENIX Security 2020). One test per pattern; each names the
/// outcome it asserts (a named fatal alert, or a silent drop) and checks with
/// ``ServerScript/expectNoApplicationDataAccepted(sourceLocation:)`` that nothing the
/// unauthenticated client sends afterwards reaches the application.
///
/// Patterns covered by existing tests (each failure check there runs the same probe):
/// - Early Finished, unprotected, in place of the ClientKeyExchange: unexpected_message,
///   `ServerStateMachineTests.awaitingClientKeyExchange` (argument `finished`). The protected
///   variant is ``earlyFinished()`` here.
/// - Client authentication without CertificateVerify: ignored, the keys never switch and the
///   server waits, `ECDHEServerStateMachineTests.missingCertificateVerify`.
/// - ClientKeyExchange before Certificate: unexpected_message,
///   `ECDHEServerStateMachineTests.keyExchangeBeforeCertificate`.
/// - ChangeCipherSpec before CertificateVerify: held until the CertificateVerify arrives,
///   `ECDHEServerStateMachineTests.changeCipherSpecBeforeVerify`; never applied without it,
///   `ECDHEServerStateMachineTests.missingCertificateVerify`.
/// - Finished before ChangeCipherSpec: unexpected_message,
///   `ServerStateMachineTests.finishedBeforeChangeCipherSpec`.
/// - Multiple ChangeCipherSpec: the extras are dropped, `ServerStateMachineTests.repeatedChangeCipherSpec`.
/// - Invalid Finished treated as a retransmission, and wrong alert for a bad Finished: a
///   Finished with wrong verify_data is decrypt_error, `ServerStateMachineTests.wrongFinished`.
/// - Renegotiation attempt: a no_renegotiation warning, the connection stays,
///   `ServerStateMachineTests.renegotiation`.
/// - Invalid handshake start: no connection, nothing delivered, `ServerStateMachineTests.notAHello`.
/// - Multiple Certificate: unexpected_message, `ECDHEServerStateMachineTests.multipleCertificates`.
/// - Data after close_notify: dropped, `ServerStateMachineTests.dataAfterClose`.
/// - Data after a fatal alert: dropped, `ServerStateMachineTests.dataAfterFatalAlert`.
///
/// Not applicable:
/// - Client-certificate patterns with PSK: PSK suites have no Certificate, CertificateRequest
///   or CertificateVerify; they are tested with ECDHE_ECDSA and raw public keys.
/// - Patterns specific to DHE, RSA or anonymous key exchange: those suites are not implemented.
@Suite("Server conformance to the DTLS state-fuzzing bug patterns")
struct ServerConformanceTests {
    private func expectFailure(_ script: ServerScript, _ code: DTLSError.Code, alert: AlertDescription, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(script.events.closeError??.code == code, sourceLocation: sourceLocation)
        #expect(script.sentAlerts == [Alert(level: .fatal, description: alert)], sourceLocation: sourceLocation)
        #expect(script.connection?.isClosed == true, sourceLocation: sourceLocation)
        script.expectNoApplicationDataAccepted(sourceLocation: sourceLocation)
    }

    @Test("early Finished: a protected Finished in place of the ClientKeyExchange is held unread (silent), then bad_record_mac when the timer expires")
    func earlyFinished() throws {
        let script = try ServerScript()
        try script.runToServerHelloDone()
        // The client skips its key exchange: keys from the PSK over a transcript without it.
        script.client.deriveKeys(psk: Fixtures.key)
        script.client.startWritingEpoch1()
        let finished = script.client.message(.finished, script.client.finished(), epoch: 1, inTranscript: false)
        try script.deliver([.changeCipherSpec(epoch: 0), finished])
        #expect(script.events.isEmpty)
        #expect(script.connection?.isClosed == false)
        script.expectNoApplicationDataAccepted()

        // Once a ClientKeyExchange (with the message_seq the Finished took) lets the held records be
        // read, they fail to authenticate: the early Finished was never accepted.
        script.client.outgoing = OutgoingMessages(nextSequence: 1)
        try script.deliver([script.clientKeyExchange()])
        #expect(script.connection?.isClosed == false)
        script.expireRetransmissionTimer()
        expectFailure(script, .peerRecordsNotAuthenticated, alert: .badRecordMAC)
    }

    @Test(
        "client authentication without Certificate: a flight 5 that leaves out the requested Certificate is unexpected_message",
        arguments: [ClientAuthenticationPolicy.required, .optional]
    )
    func authenticationWithoutCertificate(policy: ClientAuthenticationPolicy) throws {
        // Even when authentication is optional, a client asked for a Certificate must send one,
        // if empty (RFC 5246 §7.4.6).
        let (script, serverKey) = try ServerScript.ecdhe(clientAuthentication: policy)
        let keyExchange = try script.ecdheClientKeyExchange(serverKey: serverKey)
        try script.deliver([keyExchange, try script.clientCertificateVerify()] + script.clientFinishing())
        expectFailure(script, .unexpectedMessage, alert: .unexpectedMessage)
    }

    @Test("handshake restarted midway: a new ClientHello with message_seq 0 is an old message; flight 4 is resent unchanged and the handshake goes on")
    func handshakeRestart() throws {
        let script = try ServerScript()
        try script.runToServerHelloDone()
        let original = try serverHello(in: script.events)

        // A client that lost its state starts over with a fresh random.
        var restart = ClientHello(random: Array(repeating: 0x77, count: 32), cipherSuites: [.pskWithAES128CCM8])
        restart.extensions.set(ExtendedMasterSecretExtension())
        try script.deliver([script.client.rawMessage(.clientHello, body: Array(buffer: restart.encoded), sequence: 0)])
        // Same random, same choices: a repeat of the answer to the first hello, not a new handshake.
        #expect(try serverHello(in: script.events) == original)
        #expect(script.connection?.isClosed == false)
        script.expectNoApplicationDataAccepted()

        // The first handshake's transcript is intact: its flight 5 completes it.
        try script.deliver(script.clientFinishedFlight())
        #expect(script.events.completed)
    }

    private func serverHello(in events: [DTLSEvent]) throws -> ServerHello {
        let fragment = try #require(events.datagrams.flatMap { DTLSWireInspector.records(in: $0) }.flatMap(\.handshakeFragments).first)
        try #require(fragment.messageType == .serverHello)
        return try ServerHello.decode(ByteBuffer(bytes: fragment.bytes), context: "ServerHello")
    }

    /// Ways a returned cookie can fail to match the hello it comes with.
    enum CookieFault: String, CaseIterable, CustomStringConvertible {
        case altered, truncated, otherAddress, stale, otherHello
        var description: String { rawValue }
    }

    @Test("non-conforming cookie: an altered, truncated, foreign or stale cookie gets a HelloVerifyRequest, never a handshake", arguments: CookieFault.allCases)
    func nonConformingCookie(fault: CookieFault) throws {
        let script = try ServerScript(configuration: Fixtures.server())
        let request = try #require(script.server.inspect(datagram: try script.helloDatagram(), from: script.address, now: script.now).reply)
        let cookie = try ServerScript.cookie(in: request)
        // The genuine cookie is accepted, so each refusal below is down to the fault alone.
        let genuine = try script.helloDatagram { $0.cookie = cookie }
        #expect(script.server.inspect(datagram: genuine, from: script.address, now: script.now).isAccept)

        var hello = genuine
        var address = script.address
        var now = script.now
        switch fault {
        case .altered: hello = try script.helloDatagram { $0.cookie = [cookie[0]] + cookie.dropFirst().map { $0 ^ 0x01 } }
        case .truncated: hello = try script.helloDatagram { $0.cookie = Array(cookie.dropLast()) }
        case .otherAddress: address = [10, 0, 0, 2, 0x16, 0x33]
        // Cookies verify for the current and the previous 60-second period only.
        case .stale: now = now.advanced(by: .seconds(180))
        case .otherHello: hello = try script.helloDatagram { $0.cookie = cookie; $0.random = Array(repeating: 0xAB, count: 32) }
        }
        let reply = script.server.inspect(datagram: hello, from: address, now: now).reply
        #expect(reply.map { DTLSWireInspector.records(in: $0).flatMap(\.handshakeFragments).map(\.messageType) } == [.helloVerifyRequest])

        // A connection given the hello directly, without the stateless check, refuses it the same way.
        let connection = script.server.makeConnection(peerAddress: address)
        connection.receive(datagram: hello, now: now)
        let sent = connection.drainEvents().datagrams.flatMap { DTLSWireInspector.records(in: $0) }.flatMap(\.handshakeFragments)
        #expect(sent.map(\.messageType) == [.helloVerifyRequest])
        #expect(connection.statistics.drops(.invalidCookie) == 1)
        connection.receive(datagram: try script.client.record(.applicationData, Array("probe".utf8)), now: now)
        #expect(connection.drainEvents().applicationData.isEmpty)
        #expect(!connection.isEstablished)
        script.expectNoApplicationDataAccepted()
    }

    @Test("HelloVerifyRequest retransmission keeping state: cookie-less hellos are answered by inspect alone, identically, and create no connection")
    func helloVerifyRequestKeepsNoState() throws {
        let secret = [UInt8](repeating: 0x42, count: 32)
        let server = try DTLSServer(configuration: Fixtures.server(), cookieSecret: secret)
        let script = try ServerScript(configuration: Fixtures.server())
        let hello = try script.helloDatagram()
        let first = try #require(server.inspect(datagram: hello, from: script.address, now: script.now).reply)
        let again = try #require(server.inspect(datagram: hello, from: script.address, now: script.now).reply)
        #expect(first == again)

        // The client's retransmission (a new record sequence number) gets the same cookie, with
        // its record sequence number mirrored.
        let retransmitted = try script.helloDatagram()
        let answer = try #require(server.inspect(datagram: retransmitted, from: script.address, now: script.now).reply)
        let cookie = try ServerScript.cookie(in: first)
        #expect(try ServerScript.cookie(in: answer) == cookie)
        #expect(DTLSWireInspector.records(in: answer).first?.sequenceNumber == DTLSWireInspector.records(in: retransmitted).first?.sequenceNumber)

        // Another server holding only the secret accepts the cookie: the exchange left nothing behind.
        let other = try DTLSServer(configuration: Fixtures.server(), cookieSecret: secret)
        #expect(other.inspect(datagram: try script.helloDatagram { $0.cookie = cookie }, from: script.address, now: script.now).isAccept)

        script.deliver(datagrams: [hello, retransmitted])
        #expect(script.events.datagrams.count == 2)
        #expect(script.connection == nil)
        script.expectNoApplicationDataAccepted()
    }

    @Test("ChangeCipherSpec crash: a ChangeCipherSpec first, with a bad body, or in epoch 1 is dropped silently; the handshake carries on")
    func changeCipherSpecCrash() throws {
        let script = try ServerScript()
        try script.deliver(datagrams: [script.client.record(.changeCipherSpec, [1])])
        #expect(script.connection == nil)
        // A connection given it directly, before any hello, drops it too.
        let direct = script.server.makeConnection(peerAddress: script.address)
        direct.receive(datagram: try script.client.record(.changeCipherSpec, [1]), now: script.now)
        #expect(direct.drainEvents().isEmpty)
        #expect(direct.statistics.drops(.unexpectedChangeCipherSpec) == 1)
        #expect(!direct.isClosed)

        try script.runToServerHelloDone()
        let badBodies: [[UInt8]] = [[], [0], [2], [1, 1]]
        try script.deliver(datagrams: badBodies.map { try script.client.record(.changeCipherSpec, $0) })
        #expect(script.events.isEmpty)

        let flight = script.clientFinishedFlight()
        try script.deliver([flight[0], flight[1]])
        // Reading epoch 1 now; a ChangeCipherSpec inside it can never apply.
        try script.deliver(datagrams: [script.client.record(.changeCipherSpec, [1], epoch: 1)])
        #expect(script.events.isEmpty)
        #expect(script.connection?.statistics.drops(.unexpectedChangeCipherSpec) == badBodies.count + 1)
        script.expectNoApplicationDataAccepted()

        try script.deliver([flight[2]])
        #expect(script.events.completed)
        // The probe's protected record is released only now that the Finished authenticated the client.
        #expect(script.events.applicationData.map { String(buffer: $0) } == ["probe"])
        try script.deliver(datagrams: [script.client.record(.changeCipherSpec, [1])])
        #expect(script.events.isEmpty)
        #expect(script.connection?.isEstablished == true)
    }

    static let garbledFinishedBodies: [[UInt8]] = [[], [1, 2, 3], Array(repeating: 7, count: 11), Array(repeating: 7, count: 13), Array(repeating: 7, count: 64)]

    @Test("internal error on Finished: a garbled Finished body is decode_error, never internal_error", arguments: garbledFinishedBodies)
    func garbledFinished(body: [UInt8]) throws {
        let script = try ServerScript()
        try script.runToServerHelloDone()
        let keyExchange = script.clientKeyExchange()
        script.client.startWritingEpoch1()
        try script.deliver([keyExchange, .changeCipherSpec(epoch: 0), script.client.rawMessage(.finished, body: body, sequence: 2, epoch: 1)])
        expectFailure(script, .decodeError, alert: .decodeError)
    }

    @Test("epoch-0 application data is dropped before, during and after the handshake; never delivered")
    func plaintextApplicationData() throws {
        let script = try ServerScript()
        try script.runToServerHelloDone()
        try script.deliver(datagrams: [script.client.record(.applicationData, Array("forged".utf8))])
        #expect(script.events.isEmpty)
        #expect(script.connection?.statistics.drops(.unexpectedContentType) == 1)

        let flight = script.clientFinishedFlight()
        try script.deliver([flight[0], flight[1]])
        // Epoch 0 is still readable while the Finished is awaited.
        try script.deliver(datagrams: [script.client.record(.applicationData, Array("forged".utf8), epoch: 0)])
        #expect(script.events.isEmpty)
        #expect(script.connection?.statistics.drops(.unexpectedContentType) == 2)
        script.expectNoApplicationDataAccepted()

        try script.deliver([flight[2]])
        #expect(script.events.completed)
        try script.deliver(datagrams: [script.client.record(.applicationData, Array("forged".utf8), epoch: 0)])
        #expect(script.events.applicationData.isEmpty)
        #expect(script.connection?.statistics.drops(.unknownEpoch) == 1)
        try script.deliver(datagrams: [script.client.record(.applicationData, Array("genuine".utf8))])
        #expect(script.events.applicationData.map { String(buffer: $0) } == ["genuine"])
    }
}
