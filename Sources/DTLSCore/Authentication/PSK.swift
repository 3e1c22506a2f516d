/// A client's pre-shared key and the identity that names it (RFC 4279).
///
/// Identities are opaque bytes compared exactly (RFC 7925 §4.2); keys should come from a
/// high-entropy source, not a password.
public struct PSKCredentials: Sendable, Hashable {
    public var identity: [UInt8]
    public var key: [UInt8]

    public init(identity: [UInt8], key: [UInt8]) {
        self.identity = identity
        self.key = key
    }

    /// Convenience for identities that are text.
    public init(identity: String, key: [UInt8]) {
        self.init(identity: Array(identity.utf8), key: key)
    }
}

/// The server's lookup from PSK identity to key.
///
/// Called once per handshake with the identity from the ClientKeyExchange and the host name
/// from the client's server_name extension, if any, so one server can keep a key table per name.
public protocol PSKStore: Sendable {
    /// The key for `identity`, or nil when the identity is unknown.
    func key(forIdentity identity: [UInt8], serverName: String?) -> [UInt8]?
}

/// A fixed table of identities and keys.
public struct StaticPSKStore: PSKStore {
    private let keys: [[UInt8]: [UInt8]]

    public init(_ keys: [[UInt8]: [UInt8]]) {
        self.keys = keys
    }

    /// A store holding a single identity.
    public init(identity: [UInt8], key: [UInt8]) {
        self.keys = [identity: key]
    }

    public func key(forIdentity identity: [UInt8], serverName: String?) -> [UInt8]? {
        keys[identity]
    }
}
