@testable import DTLSCore
import NIOCore

/// A real server facing a scripted client.
final class ServerScript {
    let server: DTLSServer
    private(set) var connection: DTLSConnection?
    let client = ScriptedPeer(role: .client)
    let now = DTLSInstant(nanoseconds: 1_000_000_000)
    let address: [UInt8] = [10, 0, 0, 1, 0x16, 0x33]
    private(set) var events: [DTLSEvent] = []

    init(configuration: DTLSConfiguration = Fixtures.server(cookies: .disabled)) throws {
        server = try DTLSServer(configuration: configuration)
    }

    /// A hello as the library's client would send it; `modify` can spoil it.
    func clientHello(_ modify: (inout ClientHello) -> Void = { _ in }) -> Flight.Item {
        var extensions = HelloExtensions()
        extensions.set(ExtendedMasterSecretExtension())
        extensions.set(RenegotiationInfoExtension())
        var hello = ClientHello(random: client.clientRandom, cipherSuites: [.pskWithAES128CCM8], extensions: extensions)
        modify(&hello)
        return client.message(.clientHello, hello)
    }

    /// Lets the connection's retransmission timer expire once and returns what it did.
    @discardableResult
    func expireRetransmissionTimer() -> [DTLSEvent] {
        guard let connection else { return [] }
        connection.handleTimeout(now: connection.nextDeadline ?? now)
        events = connection.drainEvents()
        return events
    }

    @discardableResult
    func deliver(_ items: [Flight.Item]) throws -> [DTLSEvent] {
        try deliver(datagrams: client.datagrams(items))
    }

    @discardableResult
    func deliver(datagrams: [ByteBuffer]) -> [DTLSEvent] {
        var collected: [DTLSEvent] = []
        for datagram in datagrams {
            if connection == nil {
                switch server.inspect(datagram: datagram, from: address, now: now) {
                case .accept:
                    connection = server.makeConnection(peerAddress: address)
                case .reply(let reply):
                    collected.append(.transmit(reply))
                    continue
                case .drop:
                    continue
                }
            }
            connection!.receive(datagram: datagram, now: now)
            collected += connection!.drainEvents()
        }
        events = collected
        return collected
    }

    /// Sends the hello and reads flight 4 into the transcript.
    func runToServerHelloDone() throws {
        let flight = try deliver([clientHello()]).datagrams
        for fragment in flight.flatMap(client.read).flatMap(\.handshakeMessages) {
            let message = HandshakeMessage(type: fragment.header.messageType, sequence: fragment.header.messageSequence, body: fragment.body, epoch: 0)
            if fragment.header.messageType == .serverHello {
                client.serverRandom = try ServerHello.decode(fragment.body, context: "ServerHello").random
            }
            client.transcript.append(message)
        }
    }

    /// A ClientKeyExchange with `identity`; derives keys from `psk` as the client would.
    func clientKeyExchange(identity: [UInt8] = Fixtures.identity, psk: [UInt8] = Fixtures.key) -> Flight.Item {
        let item = client.message(.clientKeyExchange, PSKClientKeyExchange(identity: identity))
        client.deriveKeys(psk: psk)
        return item
    }

    /// The usual flight 5: ClientKeyExchange, ChangeCipherSpec, Finished.
    func clientFinishedFlight(identity: [UInt8] = Fixtures.identity, psk: [UInt8] = Fixtures.key) -> [Flight.Item] {
        let keyExchange = clientKeyExchange(identity: identity, psk: psk)
        client.startWritingEpoch1()
        return [keyExchange, .changeCipherSpec(epoch: 0), client.message(.finished, client.finished(), epoch: 1)]
    }

    /// The alerts the server sent in the last delivery, decoded with the client's keys.
    var sentAlerts: [Alert] {
        events.datagrams.flatMap(client.read).compactMap(\.alert)
    }
}
