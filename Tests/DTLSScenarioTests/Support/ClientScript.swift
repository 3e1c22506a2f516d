@testable import DTLSCore
import NIOCore

/// A real client connection facing a scripted server.
final class ClientScript {
    let connection: DTLSConnection
    let server = ScriptedPeer(role: .server)
    let now = DTLSInstant(nanoseconds: 1_000_000_000)
    /// The client's hello as decoded by the scripted server.
    let hello: ClientHello
    /// Events from the most recent delivery.
    private(set) var events: [DTLSEvent] = []

    init(configuration: DTLSConfiguration = Fixtures.client()) throws {
        connection = try DTLSConnection(client: configuration, now: now)
        let first = connection.drainEvents().datagrams[0]
        let fragment = server.read(first)[0].handshakeMessages[0]
        hello = try ClientHello.decode(fragment.body, context: "ClientHello")
        server.clientRandom = hello.random
        server.transcript.append(HandshakeMessage(type: .clientHello, sequence: 0, body: fragment.body, epoch: 0))
    }

    /// Delivers `items` to the client in one datagram and returns what it did.
    @discardableResult
    func deliver(_ items: [Flight.Item]) throws -> [DTLSEvent] {
        try deliver(datagrams: server.datagrams(items))
    }

    @discardableResult
    func deliver(datagrams: [ByteBuffer]) -> [DTLSEvent] {
        for datagram in datagrams { connection.receive(datagram: datagram, now: now) }
        events = connection.drainEvents()
        return events
    }

    /// Lets the retransmission timer expire once and returns what the client did.
    @discardableResult
    func expireRetransmissionTimer() -> [DTLSEvent] {
        connection.handleTimeout(now: connection.nextDeadline ?? now)
        events = connection.drainEvents()
        return events
    }

    /// The extensions a server normally answers with.
    static let standardExtensions: HelloExtensions = {
        var extensions = HelloExtensions()
        extensions.set(ExtendedMasterSecretExtension())
        extensions.set(RenegotiationInfoExtension())
        return extensions
    }()

    func serverHello(
        suite: CipherSuite = .pskWithAES128CCM8,
        version: ProtocolVersion = .dtls12,
        compression: UInt8 = 0,
        extensions: HelloExtensions = ClientScript.standardExtensions
    ) -> Flight.Item {
        server.message(
            .serverHello,
            ServerHello(serverVersion: version, random: server.serverRandom, cipherSuite: suite, compressionMethod: compression, extensions: extensions)
        )
    }

    func serverHelloDone() -> Flight.Item {
        server.message(.serverHelloDone, ServerHelloDone())
    }

    /// Sends ServerHello and ServerHelloDone, reads flight 5 and derives the keys.
    func runToClientFinished() throws {
        readFlightFive(try deliver([serverHello(), serverHelloDone()]).datagrams)
    }

    /// Reads the client's PSK flight 5 (sent after a ServerHello and ServerHelloDone numbered 0
    /// and 1) into the scripted server's transcript, derives the keys and reads epoch 1.
    func readFlightFive(_ flight: [ByteBuffer]) {
        let keyExchange = flight.flatMap(server.read).flatMap(\.handshakeMessages).first { $0.header.messageType == .clientKeyExchange }!
        server.transcript.append(HandshakeMessage(type: .clientKeyExchange, sequence: keyExchange.header.messageSequence, body: keyExchange.body, epoch: 0))
        server.outgoing = OutgoingMessages(nextSequence: 2)
        server.deriveKeys(psk: Fixtures.key)
        server.startReadingEpoch1()
        let finished = flight.flatMap(server.read).filter { $0.epoch == 1 }.flatMap(\.handshakeMessages).first!
        server.transcript.append(HandshakeMessage(type: .finished, sequence: finished.header.messageSequence, body: finished.body, epoch: 1))
    }

    /// Completes the handshake with ChangeCipherSpec and a correct Finished.
    func finishHandshake() throws {
        server.startWritingEpoch1()
        try deliver([.changeCipherSpec(epoch: 0), server.message(.finished, server.finished(), epoch: 1)])
    }

    /// The alerts the client sent in the last delivery, decoded with the server's keys.
    var sentAlerts: [Alert] {
        events.datagrams.flatMap(server.read).compactMap(\.alert)
    }
}
