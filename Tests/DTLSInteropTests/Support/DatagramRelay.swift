import NIOCore
import Synchronization

/// A UDP relay on 127.0.0.1 between one client and a server, measuring the datagrams that pass
/// each way, so tests can see datagram sizes without capturing packets.
///
/// The client sends to ``port``; the relay forwards from a socket of its own to the server and
/// sends the server's answers back to the client that last spoke. Call ``stop()`` in a `defer`
/// right after starting one.
final class DatagramRelay: Sendable {
    /// Datagrams seen in one direction.
    struct Traffic: Sendable, Hashable {
        /// How many passed.
        var count = 0
        /// The largest payload, in bytes.
        var largest = 0
        /// All payloads together, in bytes.
        var bytes = 0

        mutating func record(_ bytes: Int) {
            count += 1
            largest = max(largest, bytes)
            self.bytes += bytes
        }
    }

    private struct State {
        var front: (any Channel)?
        var back: (any Channel)?
        var client: SocketAddress?
        var toServer = Traffic()
        var toClient = Traffic()
        var datagramsToServer: [ByteBuffer] = []
        var datagramsToClient: [ByteBuffer] = []
    }

    private let state = Mutex(State())
    private let server: SocketAddress

    private init(server: SocketAddress) {
        self.server = server
    }

    /// Starts relaying to the server on 127.0.0.1:`serverPort`.
    static func start(forwardingTo serverPort: Int) async throws -> DatagramRelay {
        let relay = DatagramRelay(server: try SocketAddress(ipAddress: "127.0.0.1", port: serverPort))
        let front = try await LoopbackSocket.bind { relay.fromClient($0) }
        relay.state.withLock { $0.front = front }
        do {
            let back = try await LoopbackSocket.bind { relay.fromServer($0) }
            relay.state.withLock { $0.back = back }
        } catch {
            relay.stop()
            throw error
        }
        return relay
    }

    /// The port clients send to.
    var port: Int { state.withLock { $0.front?.localAddress?.port } ?? 0 }

    /// What went from the client to the server.
    var toServer: Traffic { state.withLock { $0.toServer } }
    /// What went from the server to the client.
    var toClient: Traffic { state.withLock { $0.toClient } }

    /// The datagrams that went from the client to the server, in order.
    var datagramsToServer: [ByteBuffer] { state.withLock { $0.datagramsToServer } }
    /// The datagrams that went from the server to the client, in order.
    var datagramsToClient: [ByteBuffer] { state.withLock { $0.datagramsToClient } }

    /// Closes both sockets (without waiting for them to close).
    func stop() {
        let channels = state.withLock { [$0.front, $0.back] }
        for channel in channels.compactMap({ $0 }) {
            channel.close(promise: nil)
        }
    }

    private func fromClient(_ envelope: AddressedEnvelope<ByteBuffer>) {
        let back = state.withLock { state in
            state.client = envelope.remoteAddress
            state.toServer.record(envelope.data.readableBytes)
            state.datagramsToServer.append(envelope.data)
            return state.back
        }
        back?.writeAndFlush(AddressedEnvelope(remoteAddress: server, data: envelope.data), promise: nil)
    }

    private func fromServer(_ envelope: AddressedEnvelope<ByteBuffer>) {
        guard envelope.remoteAddress == server else { return }
        let (front, client) = state.withLock { state in
            state.toClient.record(envelope.data.readableBytes)
            state.datagramsToClient.append(envelope.data)
            return (state.front, state.client)
        }
        guard let front, let client else { return }
        front.writeAndFlush(AddressedEnvelope(remoteAddress: client, data: envelope.data), promise: nil)
    }
}
