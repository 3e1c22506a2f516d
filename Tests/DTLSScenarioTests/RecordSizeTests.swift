import NIOCore
import Testing

@testable import DTLSCore
@testable import DTLSSimulation

/// max_fragment_length (RFC 6066 §4, RFC 7925 §15) and record_size_limit (RFC 8449).
@Suite("Record size limits")
struct RecordSizeTests {
    /// The plaintext size of every record `side` sent after the hellos, from the record lengths.
    private func largestPlaintext(_ pair: SimulatedPair, from side: SimulatedPair.Side) -> Int {
        // The client's hellos come before the limits apply; CCM_8 adds 16 bytes to protected records.
        let sent = pair.transmissions.filter { $0.from == side }.dropFirst(side == .client ? 2 : 1)
        let records: [DTLSRecordSummary] = sent.flatMap { DTLSWireInspector.records(in: $0.datagram) }
        let sizes: [Int] = records.map { record in record.length - 13 - (record.epoch > 0 ? 16 : 0) }
        return sizes.max() ?? 0
    }

    private func publicKeyPair(client adjust: (inout DTLSConfiguration) -> Void, server adjustServer: (inout DTLSConfiguration) -> Void = { _ in }) throws -> SimulatedPair {
        var client = PublicKeyHandshakeTests.client(ownKey: PublicKeyHandshakeTests.clientKey)
        adjust(&client)
        var server = PublicKeyHandshakeTests.server(clientAuthentication: .required)
        adjustServer(&server)
        return try SimulatedPair(client: client, server: server)
    }

    @Test("max_fragment_length 512 keeps every record, handshake fragments included, to 512 bytes of plaintext")
    func maxFragmentLength() throws {
        let pair = try publicKeyPair(client: { $0.maximumFragmentLength = .bytes512 })
        #expect(pair.runHandshake())
        #expect(pair.clientSession?.serverHelloExtensions.contains(.maxFragmentLength) == true)
        #expect(pair.client.maximumApplicationDataSize == 512)
        try pair.send(Array(repeating: 1, count: 512), from: .client)
        #expect(throws: DTLSError.self) { try pair.client.send(ByteBuffer(repeating: 1, count: 513), now: pair.now) }
        #expect(largestPlaintext(pair, from: .server) <= 512)
        #expect(largestPlaintext(pair, from: .client) <= 512)
    }

    @Test("record_size_limit 256 on both sides, with a large certificate-free flight split accordingly")
    func recordSizeLimit() throws {
        let pair = try publicKeyPair(client: { $0.recordSizeLimit = 256 }, server: { $0.recordSizeLimit = 300 })
        #expect(pair.runHandshake())
        #expect(pair.client.maximumApplicationDataSize == 300)
        #expect(pair.serverConnection?.maximumApplicationDataSize == 256)
        #expect(largestPlaintext(pair, from: .server) <= 256)
        #expect(largestPlaintext(pair, from: .client) <= 300)
    }

    @Test("when both are offered the server answers record_size_limit only (RFC 8449 §5)")
    func precedence() throws {
        let pair = try publicKeyPair(client: {
            $0.maximumFragmentLength = .bytes1024
            $0.recordSizeLimit = 2000
        })
        #expect(pair.runHandshake())
        let extensions = try #require(pair.clientSession?.serverHelloExtensions)
        #expect(extensions.contains(.recordSizeLimit))
        #expect(!extensions.contains(.maxFragmentLength))
        #expect(pair.serverConnection?.maximumApplicationDataSize == 1232 - 29 - 0)
    }

    @Test("a ServerHello with both extensions, or another fragment length, is illegal_parameter")
    func clientChecks() throws {
        var configuration = Fixtures.client()
        configuration.maximumFragmentLength = .bytes512
        configuration.recordSizeLimit = 512
        let both = try ClientScript(configuration: configuration)
        var extensions = ClientScript.standardExtensions
        extensions.set(MaxFragmentLengthExtension(.bytes512))
        extensions.set(RecordSizeLimitExtension(512))
        try both.deliver([both.serverHello(extensions: extensions)])
        #expect(both.events.closeError??.code == .illegalParameter)
        #expect(both.sentAlerts == [Alert(level: .fatal, description: .illegalParameter)])

        let other = try ClientScript(configuration: configuration)
        var changed = ClientScript.standardExtensions
        changed.set(MaxFragmentLengthExtension(.bytes2048))
        try other.deliver([other.serverHello(extensions: changed)])
        #expect(other.events.closeError??.code == .illegalParameter)
    }

    @Test("a client's unknown fragment length code or a limit below 64 is illegal_parameter", arguments: [
        (ExtensionType.maxFragmentLength, [UInt8(5)]), (ExtensionType.recordSizeLimit, [UInt8(0), 63]),
    ])
    func serverChecks(type: ExtensionType, body: [UInt8]) throws {
        let script = try ServerScript()
        try script.deliver([script.clientHello { $0.extensions.append(type: type, body: body) }])
        #expect(script.events.closeError??.code == .illegalParameter)
        #expect(script.sentAlerts == [Alert(level: .fatal, description: .illegalParameter)])
    }

    @Test("an authenticated record beyond the announced limit is record_overflow")
    func overflow() throws {
        var configuration = Fixtures.client()
        configuration.recordSizeLimit = 64
        let script = try ClientScript(configuration: configuration)
        var extensions = ClientScript.standardExtensions
        extensions.set(RecordSizeLimitExtension(64))
        try script.deliver([script.serverHello(extensions: extensions), script.serverHelloDone()])
        // Flight 5 was read by hand: derive the keys as ClientScript.runToClientFinished does.
        let flight = script.events.datagrams
        let keyExchange = flight.flatMap(script.server.read).flatMap(\.handshakeMessages).first { $0.header.messageType == .clientKeyExchange }!
        script.server.transcript.append(HandshakeMessage(type: .clientKeyExchange, sequence: keyExchange.header.messageSequence, body: keyExchange.body, epoch: 0))
        script.server.outgoing = OutgoingMessages(nextSequence: 2)
        script.server.deriveKeys(psk: Fixtures.key)
        script.server.startReadingEpoch1()
        let finished = flight.flatMap(script.server.read).filter { $0.epoch == 1 }.flatMap(\.handshakeMessages).first!
        script.server.transcript.append(HandshakeMessage(type: .finished, sequence: finished.header.messageSequence, body: finished.body, epoch: 1))
        try script.finishHandshake()
        #expect(script.connection.isEstablished)
        try script.deliver(datagrams: [script.server.record(.applicationData, Array(repeating: 7, count: 65))])
        #expect(script.events.closeError??.code == .recordOverflow)
        #expect(script.sentAlerts == [Alert(level: .fatal, description: .recordOverflow)])
    }
}
