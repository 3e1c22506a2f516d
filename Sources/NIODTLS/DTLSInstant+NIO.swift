import DTLSCore
import NIOCore

extension DTLSInstant {
    /// The instant matching a NIO deadline (both count from the same monotonic origin).
    init(_ deadline: NIODeadline) {
        self.init(nanoseconds: deadline.uptimeNanoseconds)
    }

    /// The NIO deadline matching this instant.
    var nioDeadline: NIODeadline {
        .uptimeNanoseconds(nanoseconds)
    }

    /// The current time of NIO's monotonic clock.
    static var nioNow: DTLSInstant { DTLSInstant(.now()) }
}

extension SocketAddress {
    /// Bytes naming this address for cookie binding: the IP address bytes and the port.
    var cookieBindingBytes: [UInt8] {
        var bytes: [UInt8] = []
        switch self {
        case .v4(let address):
            withUnsafeBytes(of: address.address.sin_addr) { bytes.append(contentsOf: $0) }
        case .v6(let address):
            withUnsafeBytes(of: address.address.sin6_addr) { bytes.append(contentsOf: $0) }
        case .unixDomainSocket:
            bytes.append(contentsOf: Array(description.utf8))
        }
        let port = UInt16(truncatingIfNeeded: self.port ?? 0)
        bytes.append(UInt8(port >> 8))
        bytes.append(UInt8(truncatingIfNeeded: port))
        return bytes
    }
}

extension Duration {
    /// Whole nanoseconds, saturating.
    var nanosecondCount: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : scaled &+ attoseconds / 1_000_000_000
    }
}
