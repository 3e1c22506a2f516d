@testable import DTLSCore
import NIOCore
import Testing

/// Every unexpected message in every client state ends the handshake with the right alert,
/// or is dropped where RFC 6347 says so; the client never proceeds past it.
@Suite("Client state machine")
struct ClientStateMachineTests {
    private func expectFailure(_ script: ClientScript, _ code: DTLSError.Code, alert: AlertDescription?) {
        #expect(script.events.closeError??.code == code)
        #expect(script.connection.isClosed)
        #expect(!script.events.completed)
        if let alert {
            #expect(script.sentAlerts == [Alert(level: .fatal, description: alert)])
        } else {
            #expect(script.sentAlerts.isEmpty)
        }
        script.expectNoApplicationDataAccepted()
    }

    static let notServerHello: [HandshakeType] = [
        .helloRequest, .clientHello, .newSessionTicket, .certificate, .serverKeyExchange, .certificateRequest,
        .serverHelloDone, .certificateVerify, .clientKeyExchange, .finished, HandshakeType(rawValue: 99),
    ]

    @Test("awaiting ServerHello: any other message is unexpected_message", arguments: notServerHello)
    func awaitingServerHello(type: HandshakeType) throws {
        let script = try ClientScript()
        try script.deliver([script.server.rawMessage(type, body: [], sequence: 0)])
        expectFailure(script, .unexpectedMessage, alert: .unexpectedMessage)
    }

    static let typesAfterServerHello: [HandshakeType] = [
        .helloVerifyRequest, .serverHello, .clientHello, .certificate, .certificateRequest, .certificateVerify,
        .clientKeyExchange, .finished, .newSessionTicket,
    ]

    @Test("after ServerHello: only ServerKeyExchange or ServerHelloDone may follow", arguments: typesAfterServerHello)
    func afterServerHello(type: HandshakeType) throws {
        let script = try ClientScript()
        try script.deliver([script.serverHello(), script.server.rawMessage(type, body: [], sequence: 1)])
        expectFailure(script, .unexpectedMessage, alert: .unexpectedMessage)
    }

    @Test("a second ServerKeyExchange is unexpected_message")
    func duplicateServerKeyExchange() throws {
        let script = try ClientScript()
        let hint = PSKServerKeyExchange(identityHint: [1])
        try script.deliver([
            script.serverHello(), script.server.message(.serverKeyExchange, hint), script.server.message(.serverKeyExchange, hint),
        ])
        expectFailure(script, .unexpectedMessage, alert: .unexpectedMessage)
    }

    @Test("a ServerHelloDone with a body is decode_error")
    func serverHelloDoneWithBody() throws {
        let script = try ClientScript()
        try script.deliver([script.serverHello(), script.server.rawMessage(.serverHelloDone, body: [0], sequence: 1)])
        expectFailure(script, .decodeError, alert: .decodeError)
    }

    @Test("a truncated ServerHello is decode_error")
    func truncatedServerHello() throws {
        let script = try ClientScript()
        try script.deliver([script.server.rawMessage(.serverHello, body: [0xFE, 0xFD, 1, 2, 3], sequence: 0)])
        expectFailure(script, .decodeError, alert: .decodeError)
    }

    @Test("a ServerHello for DTLS 1.0 is protocol_version")
    func oldVersion() throws {
        let script = try ClientScript()
        try script.deliver([script.serverHello(version: .dtls10)])
        expectFailure(script, .protocolVersion, alert: .protocolVersion)
    }

    @Test("a suite that was not offered is illegal_parameter")
    func unofferedSuite() throws {
        let script = try ClientScript()
        try script.deliver([script.serverHello(suite: CipherSuite(rawValue: 0xC0A4))])
        expectFailure(script, .illegalParameter, alert: .illegalParameter)
    }

    @Test("a compression method other than null is illegal_parameter")
    func compression() throws {
        let script = try ClientScript()
        try script.deliver([script.serverHello(compression: 1)])
        expectFailure(script, .illegalParameter, alert: .illegalParameter)
    }

    @Test("an extension the client did not offer is unsupported_extension")
    func unsolicitedExtension() throws {
        let script = try ClientScript()
        var extensions = ClientScript.standardExtensions
        extensions.append(type: .encryptThenMAC, body: [])
        try script.deliver([script.serverHello(extensions: extensions)])
        expectFailure(script, .unsupportedExtension, alert: .unsupportedExtension)
    }

    @Test("secure renegotiation is signalled with the SCSV; the server's empty renegotiation_info answers it (RFC 5746 §3.3, §3.6)")
    func renegotiationSignalling() throws {
        let script = try ClientScript()
        #expect(script.hello.cipherSuites.last == .emptyRenegotiationInfoSCSV)
        #expect(!script.hello.extensions.contains(.renegotiationInfo))
        var extensions = HelloExtensions()
        extensions.set(RenegotiationInfoExtension())
        try script.deliver([script.serverHello(extensions: extensions), script.serverHelloDone()])
        #expect(!script.connection.isClosed)
        #expect(script.events.datagrams.count == 1)
    }

    @Test("a non-empty renegotiation_info is handshake_failure (RFC 5746 §3.4)")
    func renegotiationInfo() throws {
        let script = try ClientScript()
        var extensions = HelloExtensions()
        var info = RenegotiationInfoExtension()
        info.renegotiatedConnection = [1, 2, 3]
        extensions.set(info)
        try script.deliver([script.serverHello(extensions: extensions)])
        expectFailure(script, .handshakeFailure, alert: .handshakeFailure)
    }

    @Test("without extended master secret the legacy derivation is used, unless EMS is required")
    func extendedMasterSecretPolicy() throws {
        var required = Fixtures.client()
        required.extendedMasterSecret = .required
        let strict = try ClientScript(configuration: required)
        try strict.deliver([strict.serverHello(extensions: HelloExtensions())])
        expectFailure(strict, .handshakeFailure, alert: .handshakeFailure)

        let lenient = try ClientScript()
        try lenient.deliver([lenient.serverHello(extensions: HelloExtensions()), lenient.serverHelloDone()])
        #expect(!lenient.connection.isClosed)
        #expect(lenient.events.datagrams.count == 1)
    }

    @Test("awaiting ChangeCipherSpec: an unprotected handshake message is unexpected_message")
    func awaitingChangeCipherSpec() throws {
        let script = try ClientScript()
        try script.runToClientFinished()
        try script.deliver([script.server.message(.finished, Finished(verifyData: Array(repeating: 0, count: 12)))])
        expectFailure(script, .unexpectedMessage, alert: .unexpectedMessage)
    }

    @Test("a ChangeCipherSpec before the client sent its Finished is dropped")
    func earlyChangeCipherSpec() throws {
        let script = try ClientScript()
        try script.deliver([script.serverHello(), .changeCipherSpec(epoch: 0)])
        #expect(!script.connection.isClosed)
        #expect(script.connection.statistics.drops(.unexpectedChangeCipherSpec) == 1)
        try script.deliver([script.serverHelloDone()])
        #expect(script.events.datagrams.count == 1)
    }

    @Test("a Finished with the wrong verify_data is decrypt_error")
    func wrongFinished() throws {
        let script = try ClientScript()
        try script.runToClientFinished()
        script.server.startWritingEpoch1()
        try script.deliver([.changeCipherSpec(epoch: 0), script.server.message(.finished, Finished(verifyData: Array(repeating: 7, count: 12)), epoch: 1)])
        expectFailure(script, .finishedMismatch, alert: .decryptError)
    }

    @Test("a Finished of the wrong length is decode_error")
    func shortFinished() throws {
        let script = try ClientScript()
        try script.runToClientFinished()
        script.server.startWritingEpoch1()
        try script.deliver([.changeCipherSpec(epoch: 0), script.server.rawMessage(.finished, body: [1, 2, 3], sequence: 2, epoch: 1)])
        expectFailure(script, .decodeError, alert: .decodeError)
    }

    @Test("records under keys from a different PSK end the handshake with bad_record_mac when the timer expires")
    func differentKeys() throws {
        let script = try ClientScript()
        try script.runToClientFinished()
        script.server.deriveKeys(psk: Array(repeating: 0xEE, count: 16))
        script.server.startWritingEpoch1()
        try script.deliver([.changeCipherSpec(epoch: 0), script.server.message(.finished, script.server.finished(), epoch: 1)])
        #expect(script.events.closeError == nil)
        #expect(script.connection.statistics.drops(.authenticationFailed) == 1)
        script.expireRetransmissionTimer()
        #expect(script.events.closeError??.code == .peerRecordsNotAuthenticated)
        #expect(script.sentAlerts == [Alert(level: .fatal, description: .badRecordMAC)])
    }

    @Test("a complete handshake; then HelloRequest gets a no_renegotiation warning and the connection stays up")
    func helloRequestAfterHandshake() throws {
        let script = try ClientScript()
        try script.runToClientFinished()
        try script.finishHandshake()
        #expect(script.events.completed)
        try script.deliver([script.server.message(.helloRequest, HelloRequest(), epoch: 1)])
        #expect(script.sentAlerts == [Alert(level: .warning, description: .noRenegotiation)])
        #expect(script.connection.isEstablished)
    }

    @Test("after the handshake, another handshake message is unexpected_message")
    func handshakeMessageAfterHandshake() throws {
        let script = try ClientScript()
        try script.runToClientFinished()
        try script.finishHandshake()
        try script.deliver([script.serverHello()])
        #expect(script.connection.statistics.drops(.unknownEpoch) == 1)
        let serverHello = ServerHello(random: script.server.serverRandom, cipherSuite: .pskWithAES128CCM8)
        try script.deliver([script.server.rawMessage(.serverHello, body: Array(buffer: serverHello.encoded), sequence: 3, epoch: 1)])
        expectFailure(script, .unexpectedMessage, alert: .unexpectedMessage)
    }

    @Test("epoch-0 application data is never delivered, before or after the handshake")
    func plaintextApplicationData() throws {
        let script = try ClientScript()
        try script.deliver(datagrams: [script.server.record(.applicationData, Array("forged".utf8))])
        #expect(script.events.applicationData.isEmpty)
        #expect(!script.connection.isClosed)
        try script.runToClientFinished()
        try script.finishHandshake()
        let beforeSwitch = ScriptedPeer(role: .server)
        try script.deliver(datagrams: [beforeSwitch.record(.applicationData, Array("forged".utf8))])
        #expect(script.events.applicationData.isEmpty)
        try script.deliver(datagrams: [script.server.record(.applicationData, Array("genuine".utf8))])
        #expect(script.events.applicationData.map { String(buffer: $0) } == ["genuine"])
    }

    @Test("a fatal alert from the server ends the handshake and is reported", arguments: [
        AlertDescription.handshakeFailure, .protocolVersion, .insufficientSecurity, .userCanceled, .decryptError,
    ])
    func fatalAlert(description: AlertDescription) throws {
        let script = try ClientScript()
        try script.deliver(datagrams: [script.server.record(.alert, [2, description.rawValue])])
        #expect(script.events.closeError??.code == .alertReceived)
        #expect(script.events.closeError??.peerAlert == description)
        #expect(script.sentAlerts.isEmpty)
    }

    @Test("a warning alert during the handshake is ignored")
    func warningAlert() throws {
        let script = try ClientScript()
        try script.deliver(datagrams: [script.server.record(.alert, [1, AlertDescription.userCanceled.rawValue])])
        #expect(!script.connection.isClosed)
        try script.runToClientFinished()
        try script.finishHandshake()
        #expect(script.events.completed)
    }

    @Test("too many HelloVerifyRequests end the handshake")
    func helloVerifyRequestLoop() throws {
        let script = try ClientScript()
        for sequence in 0..<5 {
            try script.deliver([script.server.rawMessage(.helloVerifyRequest, body: [0xFE, 0xFF, 1, UInt8(sequence)], sequence: UInt16(sequence))])
        }
        #expect(script.events.closeError??.code == .handshakeFailure)
    }
}
