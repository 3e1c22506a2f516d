import NIOCore
import Testing

@testable import DTLSCore

/// The client against the state-machine bug patterns catalogued by the 2020 protocol-state
/// fuzzing study of DTLS libraries (Fiterau-Brostean et al., "Analysis of DTLS Implementations
/// Using Protocol State Fuzzing", USENIX Security 2020). One test per pattern; each names the
/// outcome it asserts (a named fatal alert, or a silent drop) and checks with
/// ``ClientScript/expectNoApplicationDataAccepted(sourceLocation:)`` that nothing the
/// unauthenticated server sends afterwards reaches the application.
///
/// Patterns covered by existing tests (each failure check there runs the same probe):
/// - ServerHello flight restart, a second ServerHello with the next message_seq:
///   unexpected_message, `ClientStateMachineTests.afterServerHello` (argument `serverHello`);
///   with a different suite, ``cipherSuiteSwitched()`` here.
/// - Unrequested Certificate with a PSK suite: unexpected_message,
///   `ClientStateMachineTests.afterServerHello` (argument `certificate`).
/// - ECDHE without ServerKeyExchange: unexpected_message, `ECDHEClientStateMachineTests.missingKeyExchange`
///   for ECDHE_ECDSA; ``ecdhePSKWithoutServerKeyExchange()`` here for ECDHE_PSK.
/// - Premature HelloRequest before the ServerHello: unexpected_message,
///   `ClientStateMachineTests.awaitingServerHello` (argument `helloRequest`); later in the
///   handshake, ``prematureHelloRequest(stage:)`` here.
/// - Certificate/CertificateRequest reordering, CertificateRequest before ServerKeyExchange:
///   unexpected_message, `ECDHEClientStateMachineTests.requestBeforeKeyExchange`; other orders,
///   ``certificateRequestReordering(order:)`` here.
/// - Duplicate ServerKeyExchange or CertificateRequest: unexpected_message,
///   `ECDHEClientStateMachineTests.duplicates` and, for PSK, `ClientStateMachineTests.duplicateServerKeyExchange`.
/// - Wrong response to CertificateRequest: the client sends its Certificate before the
///   ClientKeyExchange and then a CertificateVerify, `ECDHEClientStateMachineTests.goodFlight`;
///   without a usable key, an empty Certificate and no CertificateVerify,
///   `ECDHEClientStateMachineTests.requestWithoutKey`.
///
/// Not applicable:
/// - Unrequested Certificate with ECDHE_ECDSA: the server's Certificate is mandatory with that
///   suite, so it cannot be unrequested; a misplaced or missing one is covered by
///   ``certificateRequestReordering(order:)``.
/// - Patterns specific to DHE, RSA or anonymous key exchange: those suites are not implemented.
@Suite("Client conformance to the DTLS state-fuzzing bug patterns")
struct ClientConformanceTests {
    private func expectFailure(_ script: ClientScript, _ code: DTLSError.Code, alert: AlertDescription, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(script.events.closeError??.code == code, sourceLocation: sourceLocation)
        #expect(script.sentAlerts == [Alert(level: .fatal, description: alert)], sourceLocation: sourceLocation)
        #expect(script.connection.isClosed, sourceLocation: sourceLocation)
        script.expectNoApplicationDataAccepted(sourceLocation: sourceLocation)
    }

    /// A ServerHello sent again with message_seq 0, outside the scripted server's transcript;
    /// byte for byte the one ``ClientScript/serverHello(suite:version:compression:extensions:)``
    /// sends, unless `suite` and `extensions` say otherwise.
    private func repeatedServerHello(
        _ script: ClientScript,
        suite: CipherSuite = .pskWithAES128CCM8,
        extensions: HelloExtensions = ClientScript.standardExtensions,
        sequence: UInt16 = 0
    ) -> Flight.Item {
        let hello = ServerHello(random: script.server.serverRandom, cipherSuite: suite, extensions: extensions)
        return script.server.rawMessage(.serverHello, body: Array(buffer: hello.encoded), sequence: sequence)
    }

    @Test("retransmitted flight accepted as new: a repeated flight 4 only makes the client resend flight 5 unchanged; a repeated ServerHello alone is ignored")
    func retransmittedFlight() throws {
        let script = try ClientScript()
        try script.runToClientFinished()
        let repeatedDone = script.server.rawMessage(.serverHelloDone, body: [], sequence: 1)

        try script.deliver([repeatedServerHello(script)])
        #expect(script.events.isEmpty)

        try script.deliver([repeatedServerHello(script), repeatedDone])
        let resent = script.events.datagrams.flatMap(script.server.read).flatMap(\.handshakeMessages)
        #expect(resent.map(\.header.messageType) == [.clientKeyExchange, .finished])
        #expect(resent.map(\.header.messageSequence) == [1, 2])
        #expect(script.connection.statistics.flightRetransmissions == 1)
        script.expectNoApplicationDataAccepted()

        // The server's Finished over the original transcript completes the handshake: nothing restarted.
        try script.finishHandshake()
        #expect(script.events.completed)
        // After the handshake, epoch 0 is no longer read: flight 4 again changes nothing.
        try script.deliver([repeatedServerHello(script), repeatedDone])
        #expect(script.events.isEmpty)
        #expect(script.connection.isEstablished)
    }

    @Test("cipher suite switched mid-handshake: a repeated ServerHello naming another offered suite is ignored as old; renumbered, it is unexpected_message")
    func cipherSuiteSwitched() throws {
        // A client offering both ECDHE_ECDSA and PSK, so the switched-to suite was offered.
        var configuration = Fixtures.client()
        configuration.peerAuthentication = .pinnedRawPublicKeys([ECDHEScript.spki(ECDHEScript.serverKey)])
        let switchedExtensions = ECDHEScript.serverHelloExtensions()

        let script = try ClientScript(configuration: configuration)
        #expect(script.hello.cipherSuites.contains(.ecdheECDSAWithAES128CCM8))
        try script.deliver([script.serverHello(), repeatedServerHello(script, suite: .ecdheECDSAWithAES128CCM8, extensions: switchedExtensions)])
        #expect(script.events.isEmpty)
        // The PSK handshake goes on: flight 5 carries a PSK ClientKeyExchange, and the Finished over the PSK transcript completes.
        script.readFlightFive(try script.deliver([script.serverHelloDone()]).datagrams)
        script.expectNoApplicationDataAccepted()
        try script.finishHandshake()
        #expect(script.events.completed)
        #expect(script.connection.sessionInfo?.cipherSuite == .pskWithAES128CCM8)

        let renumbered = try ClientScript(configuration: configuration)
        let switched = repeatedServerHello(renumbered, suite: .ecdheECDSAWithAES128CCM8, extensions: switchedExtensions, sequence: 1)
        try renumbered.deliver([renumbered.serverHello(), switched])
        expectFailure(renumbered, .unexpectedMessage, alert: .unexpectedMessage)
    }

    @Test("ECDHE without ServerKeyExchange (ECDHE_PSK): a ServerHelloDone where the ServerKeyExchange belongs is unexpected_message")
    func ecdhePSKWithoutServerKeyExchange() throws {
        var configuration = Fixtures.client()
        configuration.cipherSuites = [.ecdhePSKWithAES128CCM8SHA256]
        let script = try ClientScript(configuration: configuration)
        try script.deliver([script.serverHello(suite: .ecdhePSKWithAES128CCM8SHA256), script.serverHelloDone()])
        expectFailure(script, .unexpectedMessage, alert: .unexpectedMessage)
    }

    /// Where in the handshake a HelloRequest arrives.
    enum HandshakeStage: String, CaseIterable, CustomStringConvertible {
        case withinFlightFour, afterFlightFive
        var description: String { rawValue }
    }

    // RFC 5246 §7.4.1.1 says a client negotiating a session ignores HelloRequest. The client
    // fails with unexpected_message instead: in DTLS a HelloRequest takes the message_seq of the
    // next server message (RFC 6347 §4.2.2), and no conforming server sends one while its own
    // flight is in progress, so here it can only come from a broken or forged peer. Failing closed
    // is safe, but it is a deviation from the RFC's SHOULD, reported as such.
    @Test("premature HelloRequest: during the handshake it is unexpected_message (not ignored as RFC 5246 §7.4.1.1 suggests)", arguments: HandshakeStage.allCases)
    func prematureHelloRequest(stage: HandshakeStage) throws {
        let script = try ClientScript()
        switch stage {
        case .withinFlightFour:
            try script.deliver([script.serverHello(), script.server.message(.helloRequest, HelloRequest())])
        case .afterFlightFive:
            try script.runToClientFinished()
            try script.deliver([script.server.message(.helloRequest, HelloRequest())])
        }
        expectFailure(script, .unexpectedMessage, alert: .unexpectedMessage)
    }

    /// Orders of flight 4 with the Certificate or CertificateRequest out of place, numbered as sent.
    enum MisorderedFlight: String, CaseIterable, CustomStringConvertible {
        /// CertificateRequest, Certificate, ServerKeyExchange.
        case requestFirst
        /// ServerKeyExchange, Certificate, CertificateRequest.
        case keyExchangeBeforeCertificate
        /// Certificate, ServerKeyExchange, ServerHelloDone, then CertificateRequest.
        case requestAfterDone
        var description: String { rawValue }
    }

    @Test("Certificate/CertificateRequest reordering: unexpected_message at the first message out of place", arguments: MisorderedFlight.allCases)
    func certificateRequestReordering(order: MisorderedFlight) throws {
        let script = try ClientScript.ecdhe()
        var items = [script.ecdheServerHello(clientType: true)]
        switch order {
        case .requestFirst:
            items += [script.certificateRequest(), script.serverCertificate(), try script.serverKeyExchange(), script.serverHelloDone()]
        case .keyExchangeBeforeCertificate:
            items += [try script.serverKeyExchange(), script.serverCertificate(), script.certificateRequest(), script.serverHelloDone()]
        case .requestAfterDone:
            items += [script.serverCertificate(), try script.serverKeyExchange(), script.serverHelloDone(), script.certificateRequest()]
        }
        try script.deliver(items)
        #expect(script.events.closeError??.code == .unexpectedMessage)
        #expect(script.connection.failure?.alertToSend == .unexpectedMessage)
        // After flight 5 the alert is protected, so check that one went out rather than read it.
        #expect(script.events.datagrams.last.map { DTLSWireInspector.records(in: $0).map(\.contentType) } == [.alert])
        if order == .requestAfterDone {
            // Flight 5 had gone out without a Certificate: none was asked for when the ServerHelloDone came.
            let flightFive = script.events.datagrams.dropLast().flatMap { DTLSWireInspector.records(in: $0) }.flatMap(\.handshakeFragments)
            #expect(flightFive.map(\.messageType) == [.clientKeyExchange])
        }
        script.expectNoApplicationDataAccepted()
    }

    @Test("invalid message_seq: messages beyond the look-ahead window are dropped and earlier ones ignored as old; the handshake goes on")
    func invalidMessageSequence() throws {
        let script = try ClientScript()
        let window = UInt16(DTLSLimits().maximumMessagesAhead)
        try script.deliver([
            script.server.rawMessage(.serverHello, body: [0xFE, 0xFD], sequence: window),
            script.server.rawMessage(.finished, body: [], sequence: .max),
        ])
        #expect(script.events.isEmpty)
        #expect(script.connection.statistics.drops(.handshakeTooFarAhead) == 2)

        try script.runToClientFinished()
        // message_seq 0 was the ServerHello: a Certificate numbered 0 is old, not an unrequested Certificate.
        try script.deliver([script.server.rawMessage(.certificate, body: [0, 0, 0], sequence: 0)])
        #expect(script.events.isEmpty)
        try script.deliver([script.server.rawMessage(.finished, body: [], sequence: 2 + window)])
        #expect(script.events.isEmpty)
        #expect(script.connection.statistics.drops(.handshakeTooFarAhead) == 3)
        script.expectNoApplicationDataAccepted()

        try script.finishHandshake()
        #expect(script.events.completed)
    }

    @Test("a stray fragment of a message beyond the Finished is discarded when ChangeCipherSpec applies")
    func strayFragmentAtChangeCipherSpec() throws {
        let script = try ClientScript()
        try script.runToClientFinished()
        // Part of a 100-byte message 4 ahead in epoch 0: no genuine server sends it.
        var fragment = ByteBuffer()
        HandshakeHeader(messageType: .certificate, length: 100, messageSequence: 6, fragmentOffset: 0, fragmentLength: 10).encode(into: &fragment)
        fragment.writeRepeatingByte(1, count: 10)
        script.deliver(datagrams: [try script.server.record(.handshake, Array(buffer: fragment), epoch: 0)])
        #expect(script.events.isEmpty)
        try script.finishHandshake()
        #expect(script.events.completed)
        #expect(script.connection.statistics.drops(.strayHandshakeFragment) == 1)
    }
}
