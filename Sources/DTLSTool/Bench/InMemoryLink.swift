import DTLSCore
import NIOCore

/// A client and a server connection wired back to back in memory, with nothing in between:
/// the lean harness the benchmarks time (the simulation's bookkeeping would be measured too).
struct InMemoryLink {
    let client: DTLSConnection
    let server: DTLSConnection
    /// UDP payload bytes of every handshake datagram, both directions.
    let handshakeBytes: Int
    let handshakeDatagrams: Int

    private static let now = DTLSInstant(nanoseconds: 1_000_000_000)
    private static let peerAddress: [UInt8] = [127, 0, 0, 1, 0x13, 0x88]

    /// Runs one full handshake, answering certificate verification requests as they come.
    static func handshake(client configuration: DTLSConfiguration, server: DTLSServer) async throws -> InMemoryLink {
        let client = try DTLSConnection(client: configuration, now: now)
        var serverConnection: DTLSConnection?
        var toServer = await client.transmitted()
        var toClient: [ByteBuffer] = []
        var bytes = toServer.reduce(0) { $0 + $1.readableBytes }
        var datagrams = toServer.count
        var rounds = 0
        while !(client.isEstablished && serverConnection?.isEstablished == true) {
            rounds += 1
            guard rounds < 32, !client.isClosed, serverConnection?.isClosed != true else {
                throw BenchFailure("in-memory handshake did not complete")
            }
            for datagram in toServer {
                if serverConnection == nil {
                    switch server.inspect(datagram: datagram, from: peerAddress, now: now) {
                    case .accept: serverConnection = server.makeConnection(peerAddress: peerAddress)
                    case .reply(let reply): toClient.append(reply)
                    case .drop: break
                    }
                }
                guard let connection = serverConnection else { continue }
                connection.receive(datagram: datagram, now: now)
                toClient += await connection.transmitted()
            }
            toServer.removeAll(keepingCapacity: true)
            bytes += toClient.reduce(0) { $0 + $1.readableBytes }
            datagrams += toClient.count
            for datagram in toClient {
                client.receive(datagram: datagram, now: now)
                toServer += await client.transmitted()
            }
            toClient.removeAll(keepingCapacity: true)
            bytes += toServer.reduce(0) { $0 + $1.readableBytes }
            datagrams += toServer.count
        }
        return InMemoryLink(client: client, server: serverConnection!, handshakeBytes: bytes, handshakeDatagrams: datagrams)
    }

    /// Sends `payload` from client to server and returns the bytes delivered.
    func transfer(_ payload: ByteBuffer) throws -> Int {
        try client.send(payload, now: Self.now)
        var delivered = 0
        while let event = client.nextEvent() {
            guard case .transmit(let datagram) = consume event else { continue }
            server.receive(datagram: consume datagram, now: Self.now)
            while let received = server.nextEvent() {
                if case .applicationData(let data) = received { delivered += data.readableBytes }
            }
        }
        return delivered
    }
}

extension DTLSConnection {
    /// Drains the queue, keeping only datagrams to send; verification requests are answered
    /// by their verifier on the spot.
    func transmitted() async -> [ByteBuffer] {
        var datagrams: [ByteBuffer] = []
        while let event = nextEvent() {
            switch event {
            case .transmit(let datagram):
                datagrams.append(datagram)
            case .verifyPeer(let request):
                completePeerVerification(await request.verify(), now: DTLSInstant(nanoseconds: 1_000_000_000))
            default:
                break
            }
        }
        return datagrams
    }
}

/// A benchmark that could not run as designed.
struct BenchFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
