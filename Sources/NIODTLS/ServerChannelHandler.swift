import DTLSCore
import Logging
import NIOCore

/// Demultiplexes datagrams by peer address and runs one connection per peer.
///
/// A datagram from an unknown address creates a connection only when ``DTLSServer`` accepts
/// it (a ClientHello with a valid cookie). A fresh ClientHello from the address of an
/// established connection (a client that rebooted, RFC 6347 §4.2.8) starts a second,
/// replacement connection; the established one keeps working until the new handshake
/// completes, and datagrams the established one cannot authenticate go to the new one.
final class ServerChannelHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias OutboundOut = AddressedEnvelope<ByteBuffer>

    private struct Peer {
        var driver: ConnectionDriver
        var established: Bool
        var replacement: ConnectionDriver?
    }

    private let server: DTLSServer
    private let limits: NIODTLSServerLimits
    private let logger: Logger
    private let connections: AsyncStream<NIODTLSConnection>.Continuation
    private let failures: AsyncStream<NIODTLSServer.FailedHandshake>.Continuation
    private var peers: [SocketAddress: Peer] = [:]
    /// Established connections by the connection ID clients put in their records (RFC 9146).
    private var addressesByConnectionID: [[UInt8]: SocketAddress] = [:]
    private var channel: (any Channel)?
    private var idleSweep: Scheduled<Void>?
    private(set) var statistics = NIODTLSServerStatistics()

    init(
        server: DTLSServer,
        limits: NIODTLSServerLimits,
        logger: Logger,
        connections: AsyncStream<NIODTLSConnection>.Continuation,
        failures: AsyncStream<NIODTLSServer.FailedHandshake>.Continuation
    ) {
        self.server = server
        self.limits = limits
        self.logger = logger
        self.connections = connections
        self.failures = failures
    }

    func handlerAdded(context: ChannelHandlerContext) {
        channel = context.channel
        scheduleIdleSweep(on: context.eventLoop)
    }

    // MARK: Routing

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        let address = envelope.remoteAddress
        if let connectionID = server.connectionID(in: envelope.data), let known = addressesByConnectionID[connectionID],
            let peer = peers[known]
        {
            receive(envelope.data, from: address, connectionID: connectionID, knownAddress: known, peer: peer)
            return
        }
        guard let peer = peers[address] else {
            admit(envelope.data, from: address, context: context, replacing: false)
            return
        }
        if let replacement = peer.replacement {
            // Records the established association cannot authenticate belong to the new handshake.
            let copy = ByteBuffer(buffer: envelope.data)
            if peer.driver.receive(envelope.data).authenticatedRecords == 0 { replacement.receive(copy) }
        } else if peer.established, Self.mayBeClientHello(envelope.data) {
            admit(envelope.data, from: address, context: context, replacing: true)
        } else {
            peer.driver.receive(envelope.data)
        }
    }

    /// Routes a datagram by its connection ID; follows the client to a new address when the
    /// datagram authenticated and is the newest seen (RFC 9146 §6), so a NAT rebinding costs
    /// no handshake while a forged or replayed record moves nothing.
    private func receive(_ datagram: ByteBuffer, from address: SocketAddress, connectionID: [UInt8], knownAddress: SocketAddress, peer: Peer) {
        let result = peer.driver.receive(datagram)
        guard address != knownAddress, result.advancedHighestRecord, peers[address] == nil, peers[knownAddress]?.driver === peer.driver else {
            return
        }
        peers[knownAddress] = nil
        peers[address] = peer
        addressesByConnectionID[connectionID] = address
        peer.driver.remoteAddress = address
        statistics.addressChanges += 1
        logger.debug("client moved", metadata: ["from": "\(knownAddress)", "to": "\(address)"])
    }

    /// A datagram whose first record is an unprotected handshake record: possibly a new ClientHello.
    private static func mayBeClientHello(_ datagram: ByteBuffer) -> Bool {
        datagram.getInteger(at: datagram.readerIndex, as: UInt8.self) == ContentType.handshake.rawValue
            && datagram.getInteger(at: datagram.readerIndex + 3, as: UInt16.self) == 0
    }

    /// Runs a datagram from an address without a handshake in progress through the stateless check.
    private func admit(_ datagram: ByteBuffer, from address: SocketAddress, context: ChannelHandlerContext, replacing: Bool) {
        switch server.inspect(datagram: datagram, from: address.cookieBindingBytes, now: .nioNow) {
        case .reply(let helloVerifyRequest):
            statistics.helloVerifyRequestsSent += 1
            context.writeAndFlush(wrapOutboundOut(AddressedEnvelope(remoteAddress: address, data: helloVerifyRequest)), promise: nil)
        case .drop(let reason):
            if replacing {
                // Not a hello after all: ordinary traffic of the established connection.
                peers[address]?.driver.receive(datagram)
                return
            }
            statistics.unusableDatagrams += 1
            statistics.drops.countDrop(reason)
            logger.debug("dropped datagram from unknown peer", metadata: ["peer": "\(address)", "reason": "\(reason)"])
        case .accept:
            guard statistics.handshakesInProgress < limits.maximumHandshakes,
                statistics.connectionsOpen < limits.maximumConnections
            else {
                statistics.rejectedAtCapacity += 1
                statistics.drops.countDrop(.serverAtCapacity)
                logger.debug("server at capacity, ClientHello dropped", metadata: ["peer": "\(address)"])
                return
            }
            let driver = makeDriver(for: address, eventLoop: context.eventLoop)
            if replacing {
                peers[address]?.replacement = driver
                logger.debug("new handshake from the address of an established connection", metadata: ["peer": "\(address)"])
            } else {
                peers[address] = Peer(driver: driver, established: false)
            }
            statistics.handshakesStarted += 1
            statistics.handshakesInProgress += 1
            driver.receive(datagram)
        }
    }

    // MARK: Connection lifecycle

    private func makeDriver(for address: SocketAddress, eventLoop: any EventLoop) -> ConnectionDriver {
        let channel = self.channel!
        var driver: ConnectionDriver!
        driver = ConnectionDriver(
            connection: server.makeConnection(peerAddress: address.cookieBindingBytes),
            remoteAddress: address,
            eventLoop: eventLoop,
            write: { envelope in channel.write(envelope, promise: nil) },
            flush: { channel.flush() },
            callbacks: ConnectionDriver.Callbacks(
                handshakeCompleted: { [self] info in handshakeCompleted(address: address, info: info, driver: driver) },
                applicationData: { _ in },
                closed: { [self] error in handshakeFailed(address: address, driver: driver, error: error) }
            )
        )
        return driver
    }

    private func handshakeFailed(address: SocketAddress, driver: ConnectionDriver, error: DTLSError?) {
        statistics.handshakesFailed += 1
        statistics.handshakesInProgress -= 1
        statistics.drops.addDrops(of: driver.connection.statistics)
        if peers[address]?.replacement === driver {
            peers[address]?.replacement = nil
        } else if peers[address]?.driver === driver {
            peers[address] = nil
        }
        failures.yield(NIODTLSServer.FailedHandshake(peer: address, error: error))
        logger.debug("handshake failed", metadata: ["peer": "\(address)", "error": "\(error.map(String.init(describing:)) ?? "closed")"])
    }

    private func handshakeCompleted(address: SocketAddress, info: DTLSSessionInfo, driver: ConnectionDriver) {
        statistics.handshakesCompleted += 1
        statistics.handshakesInProgress -= 1
        if let old = peers[address], old.replacement === driver {
            statistics.connectionsReplaced += 1
            logger.debug("new handshake replaced the established connection", metadata: ["peer": "\(address)"])
            peers[address] = Peer(driver: driver, established: true)
            old.driver.abandon(DTLSError(.connectionClosed, "the client started a new association from the same address"))
        } else {
            peers[address]?.established = true
        }
        if let connectionID = info.connectionID, !connectionID.isEmpty {
            addressesByConnectionID[connectionID] = address
        }
        statistics.connectionsOpen += 1
        let connection = NIODTLSConnection(
            driver: driver,
            sessionInfo: info,
            eventLoop: driver.eventLoop,
            inboundBufferLimit: limits.inboundBufferLimit,
            onClose: { [self] in
                statistics.connectionsOpen -= 1
                statistics.drops.addDrops(of: driver.connection.statistics)
                if let connectionID = info.connectionID { addressesByConnectionID[connectionID] = nil }
                let address = driver.remoteAddress
                if peers[address]?.driver === driver {
                    if let replacement = peers[address]?.replacement {
                        peers[address] = Peer(driver: replacement, established: false)
                    } else {
                        peers[address] = nil
                    }
                }
            }
        )
        connections.yield(connection)
    }

    // MARK: Timers and shutdown

    private func scheduleIdleSweep(on eventLoop: any EventLoop) {
        let interval = TimeAmount.nanoseconds(max(limits.idleTimeout.nanosecondCount / 4, 10_000_000))
        idleSweep = eventLoop.assumeIsolated().scheduleTask(in: interval) { [self] in
            closeIdlePeers()
            scheduleIdleSweep(on: eventLoop)
        }
    }

    private func closeIdlePeers() {
        let cutoff = DTLSInstant.nioNow.advanced(by: .zero - limits.idleTimeout)
        for (address, peer) in peers where peer.driver.lastActivity < cutoff {
            statistics.idleTimeouts += 1
            logger.debug("closing idle connection", metadata: ["peer": "\(address)"])
            peer.driver.close()
        }
    }

    func closeAll() {
        for peer in peers.values {
            peer.replacement?.close()
            peer.driver.close()
        }
        connections.finish()
        failures.finish()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // ICMP errors for one peer must not stop the server.
        logger.debug("socket error", metadata: ["error": "\(error)"])
    }

    func channelInactive(context: ChannelHandlerContext) {
        idleSweep?.cancel()
        for peer in peers.values {
            peer.driver.socketClosed()
            peer.replacement?.socketClosed()
        }
        peers.removeAll()
        addressesByConnectionID.removeAll()
        connections.finish()
        failures.finish()
        context.fireChannelInactive()
    }
}
