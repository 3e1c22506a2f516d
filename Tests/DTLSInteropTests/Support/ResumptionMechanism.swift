import DTLSCore
import Foundation

/// How a server lets a client resume a session with an abbreviated handshake.
enum ResumptionMechanism: String, Sendable, CaseIterable, CustomStringConvertible {
    /// RFC 5077 session tickets: the server seals the session into a ticket the client keeps.
    case ticket
    /// RFC 5246 §7.4.1.2: the server keeps the session in a cache under the session ID it assigned.
    case sessionID

    var description: String { rawValue }

    /// Our server's configuration with what this mechanism needs: a session cache, or a
    /// ticket key ring with a fresh random key.
    func enabled(on configuration: DTLSConfiguration) throws -> DTLSConfiguration {
        var configuration = configuration
        switch self {
        case .ticket:
            let material = (0..<48).map { _ in UInt8.random(in: .min ... .max) }
            configuration.sessionTickets = DTLSTicketKeyRing(
                keys: [try DTLSTicketKeyRing.Key(material: material)],
                wallClock: { UInt64(Date().timeIntervalSince1970) }
            )
        case .sessionID:
            configuration.sessionCache = DTLSSessionCache(capacity: 16)
        }
        return configuration
    }
}
