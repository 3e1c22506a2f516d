/// Which side of the handshake an endpoint plays.
public enum Role: Sendable, Hashable, CustomStringConvertible {
    case client
    case server

    /// The other side.
    var peer: Role { self == .client ? .server : .client }

    public var description: String { self == .client ? "client" : "server" }
}
