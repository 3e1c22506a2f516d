import NIOCore
import NIOPosix

/// A UDP socket bound to a free port on 127.0.0.1, holding that port until ``release()``.
///
/// Hold one to make a port busy, or release it at once to learn a port that was free a moment
/// ago (another process can still take it before the test binds it: retry on collision).
public final class UDPPortReservation: Sendable {
    /// The reserved port.
    public let port: Int
    private let channel: any Channel

    private init(channel: any Channel, port: Int) {
        self.channel = channel
        self.port = port
    }

    /// Binds a UDP socket (without `SO_REUSEADDR`, so nobody else can share the port).
    public static func reserve() async throws -> UDPPortReservation {
        let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0)
            .get()
        guard let port = channel.localAddress?.port else {
            try? await channel.close()
            throw ChannelError.unknownLocalAddress
        }
        return UDPPortReservation(channel: channel, port: port)
    }

    /// A UDP port on 127.0.0.1 that was free when this returned.
    public static func freePort() async throws -> Int {
        let reservation = try await reserve()
        await reservation.release()
        return reservation.port
    }

    /// Closes the socket, freeing the port.
    public func release() async {
        try? await channel.close()
    }
}
