import NIOCore
import Synchronization

/// A UDP relay on 127.0.0.1 between one client and a server that keeps a copy of every datagram
/// and can move the client's traffic to a second source port, as a NAT rebinding does.
///
/// The client sends to ``port``; the relay forwards from a socket of its own to the server and
/// sends the server's answers back to the client's latest address. After a rebinding the
/// client's datagrams leave from the second socket; both sockets still carry the server's
/// answers back. Call ``stop()`` in a `defer` right after starting one.
final class RebindingRelay: Sendable {
    /// Which way a datagram went.
    enum Direction: Sendable, Hashable {
        case toServer, toClient
    }

    /// One datagram that passed.
    struct Passage: Sendable {
        var direction: Direction
        var datagram: ByteBuffer
        /// The port of the relay's socket facing the server that sent or received it.
        var relayPort: Int
    }

    /// When the client's traffic moves to the second socket.
    enum Rebinding: Sendable {
        /// Never.
        case never
        /// Before the first client datagram that follows a server datagram whose first record
        /// has at least this epoch and sequence number. With (1, 1): after the server's first
        /// record past its Finished, typically the answer to the client's first request.
        case afterServerRecord(epoch: UInt16, sequenceNumber: UInt64)
    }

    private struct State {
        var front: (any Channel)?
        /// The sockets facing the server: the first, and the one a rebinding moves to.
        var upstream: [any Channel] = []
        var current = 0
        var rebindDue = false
        var client: SocketAddress?
        var passages: [Passage] = []
    }

    private let state = Mutex(State())
    private let server: SocketAddress
    private let rebinding: Rebinding

    private init(server: SocketAddress, rebinding: Rebinding) {
        self.server = server
        self.rebinding = rebinding
    }

    /// Starts relaying to the server on 127.0.0.1:`serverPort`.
    static func start(forwardingTo serverPort: Int, rebinding: Rebinding = .never) async throws -> RebindingRelay {
        let relay = RebindingRelay(server: try SocketAddress(ipAddress: "127.0.0.1", port: serverPort), rebinding: rebinding)
        do {
            let front = try await LoopbackSocket.bind { relay.fromClient($0) }
            relay.state.withLock { $0.front = front }
            for index in 0..<2 {
                let upstream = try await LoopbackSocket.bind { relay.fromServer($0, through: index) }
                relay.state.withLock { $0.upstream.append(upstream) }
            }
        } catch {
            relay.stop()
            throw error
        }
        return relay
    }

    /// The port clients send to.
    var port: Int { state.withLock { $0.front?.localAddress?.port } ?? 0 }

    /// The ports of the sockets facing the server: before and after a rebinding.
    var relayPorts: [Int] { state.withLock { $0.upstream.compactMap(\.localAddress?.port) } }

    /// Whether the client's traffic moved to the second socket.
    var rebound: Bool { state.withLock { $0.current == 1 } }

    /// Every datagram so far, in the order the relay handled them.
    var passages: [Passage] { state.withLock { $0.passages } }

    /// The datagrams that went `direction`.
    func datagrams(_ direction: Direction) -> [ByteBuffer] {
        passages.filter { $0.direction == direction }.map(\.datagram)
    }

    /// Closes every socket (without waiting for them to close).
    func stop() {
        let channels = state.withLock { state in ([state.front] + state.upstream.map { $0 }).compactMap { $0 } }
        for channel in channels {
            channel.close(promise: nil)
        }
    }

    private func fromClient(_ envelope: AddressedEnvelope<ByteBuffer>) {
        let upstream = state.withLock { state -> (any Channel)? in
            state.client = envelope.remoteAddress
            if state.rebindDue, state.current == 0, state.upstream.count > 1 {
                state.current = 1
            }
            guard state.upstream.indices.contains(state.current) else { return nil }
            let upstream = state.upstream[state.current]
            state.passages.append(Passage(direction: .toServer, datagram: envelope.data, relayPort: upstream.localAddress?.port ?? 0))
            return upstream
        }
        upstream?.writeAndFlush(AddressedEnvelope(remoteAddress: server, data: envelope.data), promise: nil)
    }

    private func fromServer(_ envelope: AddressedEnvelope<ByteBuffer>, through index: Int) {
        guard envelope.remoteAddress == server else { return }
        let (front, client) = state.withLock { state in
            let relayPort = state.upstream.indices.contains(index) ? state.upstream[index].localAddress?.port ?? 0 : 0
            state.passages.append(Passage(direction: .toClient, datagram: envelope.data, relayPort: relayPort))
            if triggersRebinding(envelope.data) { state.rebindDue = true }
            return (state.front, state.client)
        }
        guard let front, let client else { return }
        front.writeAndFlush(AddressedEnvelope(remoteAddress: client, data: envelope.data), promise: nil)
    }

    /// Whether the server's `datagram` is the one after which the client moves. The epoch and
    /// sequence number sit at the same place in every record header, with or without a CID.
    private func triggersRebinding(_ datagram: ByteBuffer) -> Bool {
        guard case .afterServerRecord(let epoch, let sequenceNumber) = rebinding,
            let recordEpoch = datagram.getInteger(at: datagram.readerIndex + 3, as: UInt16.self),
            let high = datagram.getInteger(at: datagram.readerIndex + 5, as: UInt16.self),
            let low = datagram.getInteger(at: datagram.readerIndex + 7, as: UInt32.self)
        else { return false }
        return recordEpoch >= epoch && (UInt64(high) << 32 | UInt64(low)) >= sequenceNumber
    }
}
