@testable import DTLSCore
import NIOCore
import Testing

/// Every unexpected message in every server state ends the handshake with the right alert,
/// or is dropped where RFC 6347 says so; the server never proceeds past it.
@Suite("Server state machine")
struct ServerStateMachineTests {
    private func expectFailure(_ script: ServerScript, _ code: DTLSError.Code, alert: AlertDescription) {
        #expect(script.events.closeError??.code == code)
        #expect(script.connection?.isClosed == true)
        #expect(!script.events.completed)
        #expect(script.sentAlerts == [Alert(level: .fatal, description: alert)])
        script.expectNoApplicationDataAccepted()
    }

    @Test("a first datagram that is not a ClientHello creates no connection")
    func notAHello() throws {
        let script = try ServerScript()
        try script.deliver([script.client.message(.finished, Finished(verifyData: Array(repeating: 0, count: 12)))])
        try script.deliver(datagrams: [script.client.record(.applicationData, [1, 2, 3])])
        script.deliver(datagrams: [ByteBuffer(bytes: [22, 0xFE, 0xFD, 0])])
        #expect(script.connection == nil)
        #expect(script.events.isEmpty)
    }

    @Test("a hello offering only DTLS 1.0 is protocol_version")
    func oldVersion() throws {
        let script = try ServerScript()
        try script.deliver([script.clientHello { $0.clientVersion = .dtls10 }])
        expectFailure(script, .protocolVersion, alert: .protocolVersion)
    }

    @Test("a hello without null compression is illegal_parameter")
    func noNullCompression() throws {
        let script = try ServerScript()
        try script.deliver([script.clientHello { $0.compressionMethods = [1] }])
        expectFailure(script, .illegalParameter, alert: .illegalParameter)
    }

    @Test("a hello with no suite in common is handshake_failure")
    func noCommonSuite() throws {
        let script = try ServerScript()
        try script.deliver([script.clientHello { $0.cipherSuites = [CipherSuite(rawValue: 0x0005), .emptyRenegotiationInfoSCSV] }])
        expectFailure(script, .handshakeFailure, alert: .handshakeFailure)
    }

    @Test("a hello with a non-empty renegotiation_info is handshake_failure")
    func renegotiationInfo() throws {
        let script = try ServerScript()
        try script.deliver([
            script.clientHello { hello in
                var info = RenegotiationInfoExtension()
                info.renegotiatedConnection = [9]
                hello.extensions.set(info)
            }
        ])
        expectFailure(script, .handshakeFailure, alert: .handshakeFailure)
    }

    @Test("a hello without extended master secret is refused when it is required")
    func extendedMasterSecretRequired() throws {
        var configuration = Fixtures.server(cookies: .disabled)
        configuration.extendedMasterSecret = .required
        let script = try ServerScript(configuration: configuration)
        try script.deliver([script.clientHello { $0.extensions = HelloExtensions() }])
        expectFailure(script, .handshakeFailure, alert: .handshakeFailure)
    }

    @Test("the server answers with only what the client offered and what it supports")
    func answersOnlyOfferedExtensions() throws {
        let script = try ServerScript()
        try script.deliver([
            script.clientHello { hello in
                hello.extensions = HelloExtensions()
                hello.extensions.append(type: .encryptThenMAC, body: [])
                hello.extensions.append(type: ExtensionType(rawValue: 4), body: [])
                hello.cipherSuites.append(.emptyRenegotiationInfoSCSV)
            }
        ])
        let serverHello = try script.events.datagrams.flatMap(script.client.read).flatMap(\.handshakeMessages)
            .first { $0.header.messageType == .serverHello }
            .map { try ServerHello.decode($0.body, context: "ServerHello") }
        #expect(serverHello?.extensions.types == [.renegotiationInfo])
    }

    static let notClientKeyExchange: [HandshakeType] = [
        .helloRequest, .clientHello, .serverHello, .certificate, .serverKeyExchange, .certificateRequest,
        .serverHelloDone, .certificateVerify, .finished, .newSessionTicket, HandshakeType(rawValue: 200),
    ]

    @Test("awaiting ClientKeyExchange: anything else is unexpected_message", arguments: notClientKeyExchange)
    func awaitingClientKeyExchange(type: HandshakeType) throws {
        let script = try ServerScript()
        try script.runToServerHelloDone()
        try script.deliver([script.client.rawMessage(type, body: [], sequence: 1)])
        expectFailure(script, .unexpectedMessage, alert: .unexpectedMessage)
    }

    @Test("an unknown PSK identity is decrypt_error (RFC 7925 §6)")
    func unknownIdentity() throws {
        let script = try ServerScript()
        try script.runToServerHelloDone()
        try script.deliver(script.clientFinishedFlight(identity: Array("client_identity".utf8)))
        expectFailure(script, .unknownPSKIdentity, alert: .decryptError)
    }

    @Test("a different PSK is bad_record_mac when the timer expires with no epoch-1 record authenticated")
    func differentKey() throws {
        let script = try ServerScript()
        try script.runToServerHelloDone()
        try script.deliver(script.clientFinishedFlight(psk: Array(repeating: 0x42, count: 16)))
        #expect(script.events.closeError == nil)
        #expect(script.connection?.statistics.drops(.authenticationFailed) == 1)
        script.expireRetransmissionTimer()
        expectFailure(script, .peerRecordsNotAuthenticated, alert: .badRecordMAC)
    }

    @Test("a forged epoch-1 record ahead of the genuine Finished is dropped; the handshake completes")
    func forgedRecordBeforeFinished() throws {
        let script = try ServerScript()
        try script.runToServerHelloDone()
        let flight = script.clientFinishedFlight()
        var forged = ByteBuffer()
        RecordHeader(contentType: .handshake, version: .dtls12, epoch: 1, sequenceNumber: 40, length: 40).encode(into: &forged)
        forged.writeRepeatingByte(0xAA, count: 40)
        try script.deliver(Array(flight.dropLast()))
        script.deliver(datagrams: [forged])
        #expect(script.events.closeError == nil)
        try script.deliver([flight.last!])
        #expect(script.events.completed)
        #expect(script.connection?.statistics.drops(.authenticationFailed) == 1)
        script.expireRetransmissionTimer()
        #expect(script.connection?.isEstablished == true)
    }

    @Test("awaiting ChangeCipherSpec: a second ClientKeyExchange is unexpected_message")
    func duplicateKeyExchange() throws {
        let script = try ServerScript()
        try script.runToServerHelloDone()
        try script.deliver([script.clientKeyExchange(), script.clientKeyExchange()])
        expectFailure(script, .unexpectedMessage, alert: .unexpectedMessage)
    }

    @Test("a Finished sent without ChangeCipherSpec (in epoch 0) is unexpected_message")
    func finishedBeforeChangeCipherSpec() throws {
        let script = try ServerScript()
        try script.runToServerHelloDone()
        let keyExchange = script.clientKeyExchange()
        try script.deliver([keyExchange, script.client.message(.finished, script.client.finished())])
        expectFailure(script, .unexpectedMessage, alert: .unexpectedMessage)
    }

    @Test("a ChangeCipherSpec before the ClientKeyExchange is held until it may apply")
    func changeCipherSpecBeforeKeyExchange() throws {
        let script = try ServerScript()
        try script.runToServerHelloDone()
        let flight = script.clientFinishedFlight()
        try script.deliver([flight[1]])
        #expect(script.connection?.isClosed == false)
        try script.deliver([flight[0]])
        try script.deliver([flight[2]])
        #expect(script.events.completed)
    }

    @Test("several ChangeCipherSpecs: the extras are dropped")
    func repeatedChangeCipherSpec() throws {
        let script = try ServerScript()
        try script.runToServerHelloDone()
        let flight = script.clientFinishedFlight()
        try script.deliver([flight[0], flight[1], flight[1], flight[1], flight[2]])
        #expect(script.events.completed)
        #expect(script.connection?.statistics.drops(.unexpectedChangeCipherSpec) == 2)
    }

    @Test("a Finished with the wrong verify_data is decrypt_error")
    func wrongFinished() throws {
        let script = try ServerScript()
        try script.runToServerHelloDone()
        let keyExchange = script.clientKeyExchange()
        script.client.startWritingEpoch1()
        try script.deliver([keyExchange, .changeCipherSpec(epoch: 0), script.client.message(.finished, Finished(verifyData: Array(repeating: 1, count: 12)), epoch: 1)])
        expectFailure(script, .finishedMismatch, alert: .decryptError)
    }

    @Test("after the handshake a renegotiating ClientHello gets no_renegotiation and the connection stays")
    func renegotiation() throws {
        let script = try ServerScript()
        try script.runToServerHelloDone()
        try script.deliver(script.clientFinishedFlight())
        #expect(script.events.completed)
        script.client.startReadingEpoch1()
        let hello = script.client.message(.clientHello, ClientHello(random: Array(repeating: 3, count: 32), cipherSuites: [.pskWithAES128CCM8]), epoch: 1)
        try script.deliver([hello])
        #expect(script.sentAlerts == [Alert(level: .warning, description: .noRenegotiation)])
        #expect(script.connection?.isEstablished == true)
    }

    @Test("data after close_notify is not delivered")
    func dataAfterClose() throws {
        let script = try ServerScript()
        try script.runToServerHelloDone()
        try script.deliver(script.clientFinishedFlight())
        try script.deliver(datagrams: [script.client.record(.alert, [1, 0]), script.client.record(.applicationData, [1, 2, 3])])
        #expect(script.events.closeError == .some(nil))
        #expect(script.events.applicationData.isEmpty)
        #expect(script.connection?.statistics.drops(.connectionClosed) == 1)
    }

    @Test("data after a fatal alert is not delivered")
    func dataAfterFatalAlert() throws {
        let script = try ServerScript()
        try script.runToServerHelloDone()
        try script.deliver(script.clientFinishedFlight())
        try script.deliver(datagrams: [script.client.record(.alert, [2, 40]), script.client.record(.applicationData, [1, 2, 3])])
        #expect(script.events.closeError??.peerAlert == .handshakeFailure)
        #expect(script.events.applicationData.isEmpty)
    }

    @Test("a replayed application record is dropped")
    func replay() throws {
        let script = try ServerScript()
        try script.runToServerHelloDone()
        try script.deliver(script.clientFinishedFlight())
        let record = try script.client.record(.applicationData, Array("once".utf8))
        script.deliver(datagrams: [record, record])
        #expect(script.events.applicationData.map { String(buffer: $0) } == ["once"])
        #expect(script.connection?.statistics.drops(.replayed) == 1)
    }

    @Test("records of unknown epochs are dropped")
    func unknownEpoch() throws {
        let script = try ServerScript()
        try script.runToServerHelloDone()
        try script.deliver(script.clientFinishedFlight())
        var forged = try script.client.record(.applicationData, [1])
        forged.setInteger(UInt16(7), at: forged.readerIndex + 3)
        script.deliver(datagrams: [forged])
        #expect(script.events.applicationData.isEmpty)
        #expect(script.connection?.statistics.drops(.unknownEpoch) == 1)
        #expect(script.connection?.isEstablished == true)
    }

    @Test("garbage after a valid record is dropped without losing the record")
    func trailingGarbage() throws {
        let script = try ServerScript()
        try script.runToServerHelloDone()
        try script.deliver(script.clientFinishedFlight())
        var datagram = try script.client.record(.applicationData, Array("kept".utf8))
        datagram.writeBytes([23, 0xFE, 0xFD, 0, 1, 0, 0])
        script.deliver(datagrams: [datagram])
        #expect(script.events.applicationData.map { String(buffer: $0) } == ["kept"])
        #expect(script.connection?.statistics.drops(.malformedRecord) == 1)
    }
}
