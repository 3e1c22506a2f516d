import DTLSCore

/// A pre-shared key for the interop tests, with the identity both sides use.
struct InteropKey: Sendable {
    /// The identity every peer's examples use.
    static let identity = "Client_identity"

    /// The key the peer servers and clients hold.
    static let shared = InteropKey(bytes: Array(0x00...0x0F))
    /// A key no peer holds.
    static let wrong = InteropKey(bytes: Array(0xF0...0xFF))
    /// A key of printable characters, for peers that take the key as text (libcoap).
    static let printable = InteropKey(bytes: Array("swift-dtls-coap!".utf8))

    /// How long our side waits for a handshake before it gives up.
    static let handshakeTimeout = Duration.seconds(3)

    let bytes: [UInt8]

    /// The key as the peers' command lines take it.
    var hex: String {
        bytes.map { ($0 < 0x10 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    /// The key as text, for ``printable``.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Our client, authenticating with this key.
    var clientConfiguration: DTLSConfiguration {
        var configuration = DTLSConfiguration.psk(identity: Array(Self.identity.utf8), key: bytes)
        configuration.handshakeTimeout = Self.handshakeTimeout
        return configuration
    }

    /// Our server, accepting this key for ``identity``.
    func serverConfiguration(cookieExchange: CookieExchange) -> DTLSConfiguration {
        var configuration = DTLSConfiguration.psk(store: StaticPSKStore(identity: Array(Self.identity.utf8), key: bytes))
        configuration.cookieExchange = cookieExchange
        configuration.handshakeTimeout = Self.handshakeTimeout
        return configuration
    }
}
