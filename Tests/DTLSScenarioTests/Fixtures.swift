import DTLSCore
import DTLSSimulation
import NIOCore

/// Shared configurations for scenario tests.
enum Fixtures {
    static let identity = Array("Client_identity".utf8)
    static let key: [UInt8] = Array(0..<16)

    static func client(seed: UInt64 = 7, mtu: Int = 1232) -> DTLSConfiguration {
        var configuration = DTLSConfiguration.psk(identity: identity, key: key)
        configuration.randomSource = SeededRandomSource(seed: seed)
        configuration.maximumTransmissionUnit = mtu
        return configuration
    }

    static func server(seed: UInt64 = 9, mtu: Int = 1232, cookies: CookieExchange = .enabled) -> DTLSConfiguration {
        var configuration = DTLSConfiguration.psk(store: StaticPSKStore(identity: identity, key: key))
        configuration.randomSource = SeededRandomSource(seed: seed)
        configuration.maximumTransmissionUnit = mtu
        configuration.cookieExchange = cookies
        return configuration
    }
}
