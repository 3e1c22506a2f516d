#if canImport(Glibc)
import Glibc
#endif
import NIOCore

/// A plain blocking UDP socket for tests that need control over the source address.
final class RawUDPSocket {
    private let descriptor: Int32

    /// Binds to `host` (an IPv4 literal) and `port` (0 for any).
    init(host: String = "127.0.0.1", port: UInt16 = 0) throws {
        descriptor = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard descriptor >= 0 else { throw SocketFailure("socket: \(errno)") }
        var address = Self.address(host: host, port: port)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            close(descriptor)
            throw SocketFailure("bind \(host):\(port): \(errno)")
        }
    }

    deinit { close(descriptor) }

    /// Sends `bytes` to `port` on 127.0.0.1.
    func send(_ bytes: ByteBuffer, toPort port: Int) {
        var address = Self.address(host: "127.0.0.1", port: UInt16(port))
        bytes.withUnsafeReadableBytes { buffer in
            _ = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(descriptor, buffer.baseAddress, buffer.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
    }

    /// The next datagram if one is waiting; never blocks, so async tests do not starve the
    /// cooperative thread pool the server under test runs on.
    func receive() -> ByteBuffer? {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let count = recv(descriptor, &buffer, buffer.count, Int32(MSG_DONTWAIT))
        guard count > 0 else { return nil }
        return ByteBuffer(bytes: buffer[0..<count])
    }

    private static func address(host: String, port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        inet_pton(AF_INET, host, &address.sin_addr)
        return address
    }
}

struct SocketFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
