import Testing

@testable import DTLSCore

@Suite("Configuration validation")
struct DTLSConfigurationTests {
    static let client = DTLSConfiguration.psk(identity: Array("Client_identity".utf8), key: [UInt8](repeating: 1, count: 16))
    static let server = DTLSConfiguration.psk(store: StaticPSKStore(identity: Array("Client_identity".utf8), key: [UInt8](repeating: 1, count: 16)))

    /// The error `configuration` raises for `role`, or nil when it is valid.
    private static func failure(_ configuration: DTLSConfiguration, for role: Role) -> DTLSError? {
        do {
            try configuration.validate(for: role)
            return nil
        } catch {
            return error
        }
    }

    private static func client(_ change: (inout DTLSConfiguration) -> Void) -> DTLSConfiguration {
        var configuration = client
        change(&configuration)
        return configuration
    }

    private static func server(_ change: (inout DTLSConfiguration) -> Void) -> DTLSConfiguration {
        var configuration = server
        change(&configuration)
        return configuration
    }

    @Test("the PSK client and server configurations are valid as made")
    func valid() {
        #expect(Self.failure(Self.client, for: .client) == nil)
        #expect(Self.failure(Self.server, for: .server) == nil)
        #expect(Self.failure(Self.client { $0.serverName = "coap.example" }, for: .client) == nil)
        #expect(Self.failure(Self.server { $0.pskIdentityHint = [UInt8](repeating: 0, count: 0xFFFF) }, for: .server) == nil)
    }

    @Test("the MTU must lie between 64 and 65507 bytes")
    func mtu() {
        for (mtu, valid) in [(63, false), (64, true), (1232, true), (65507, true), (65508, false), (0, false)] {
            let error = Self.failure(Self.client { $0.maximumTransmissionUnit = mtu }, for: .client)
            #expect((error == nil) == valid, "MTU \(mtu)")
            #expect(error.map { $0.code == .invalidConfiguration } ?? true)
        }
    }

    @Test("at least one supported cipher suite is needed")
    func cipherSuites() {
        #expect(Self.failure(Self.client { $0.cipherSuites = [] }, for: .client)?.code == .invalidConfiguration)
        #expect(Self.failure(Self.server { $0.cipherSuites = [.ecdheECDSAWithAES128CCM8] }, for: .server)?.code == .invalidConfiguration)
        #expect(Self.failure(Self.client { $0.cipherSuites = [.ecdheECDSAWithAES128CCM8, .pskWithAES128CCM8] }, for: .client) == nil)
    }

    @Test("a handshake timeout must be positive")
    func handshakeTimeout() {
        #expect(Self.failure(Self.client { $0.handshakeTimeout = .zero }, for: .client)?.code == .invalidConfiguration)
        #expect(Self.failure(Self.client { $0.handshakeTimeout = .seconds(-1) }, for: .client)?.code == .invalidConfiguration)
        #expect(Self.failure(Self.client { $0.handshakeTimeout = .milliseconds(1) }, for: .client) == nil)
    }

    @Test("retransmission timers must be positive and ordered, with a non-negative count")
    func retransmission() {
        let invalid = [
            RetransmissionPolicy(initialTimeout: .zero, maximumRetransmissions: 3),
            RetransmissionPolicy(initialTimeout: .seconds(2), maximumTimeout: .seconds(1), maximumRetransmissions: 3),
            RetransmissionPolicy(initialTimeout: .seconds(1), maximumRetransmissions: -1),
        ]
        for policy in invalid {
            #expect(Self.failure(Self.client { $0.retransmission = policy }, for: .client)?.code == .invalidConfiguration, "\(policy)")
        }
        let edge = RetransmissionPolicy(initialTimeout: .seconds(1), maximumTimeout: .seconds(1), maximumRetransmissions: 0)
        #expect(Self.failure(Self.client { $0.retransmission = edge }, for: .client) == nil)
    }

    @Test("a client needs credentials of 1 to 65535 bytes")
    func clientCredentials() {
        #expect(Self.failure(Self.server, for: .client)?.code == .invalidConfiguration)
        let invalid = [
            PSKCredentials(identity: [], key: [1]),
            PSKCredentials(identity: [1], key: []),
            PSKCredentials(identity: [UInt8](repeating: 1, count: 0x10000), key: [1]),
            PSKCredentials(identity: [1], key: [UInt8](repeating: 1, count: 0x10000)),
        ]
        for credentials in invalid {
            #expect(Self.failure(Self.client { $0.pskCredentials = credentials }, for: .client)?.code == .invalidConfiguration)
        }
        #expect(
            Self.failure(Self.client { $0.pskCredentials = PSKCredentials(identity: "x", key: [UInt8](repeating: 1, count: 0xFFFF)) }, for: .client)
                == nil)
    }

    @Test("a client's server name must be a DNS host name", arguments: ["192.0.2.1", "example.com.", "", "exa_mple.com"])
    func serverName(name: String) {
        #expect(Self.failure(Self.client { $0.serverName = name }, for: .client)?.code == .invalidConfiguration)
    }

    @Test("only suites the credentials can serve are used")
    func usableSuites() {
        #expect(Self.client.usableSuites(for: .client).map(\.suite) == [.pskWithAES128CCM8])
        #expect(Self.server.usableSuites(for: .server).map(\.suite) == [.pskWithAES128CCM8])
        let pinned = Self.client { $0.peerAuthentication = .pinnedRawPublicKeys([]) }
        #expect(pinned.usableSuites(for: .client).map(\.suite) == [.ecdheECDSAWithAES128CCM8, .ecdheECDSAWithAES128GCMSHA256, .pskWithAES128CCM8])
    }

    @Test("client authentication needs a way to judge client certificates")
    func clientAuthenticationNeedsPolicy() {
        #expect(Self.failure(Self.server { $0.clientAuthentication = .required }, for: .server)?.code == .invalidConfiguration)
        #expect(Self.failure(Self.server { $0.clientAuthentication = .optional; $0.peerAuthentication = .pinnedRawPublicKeys([]) }, for: .server) == nil)
    }

    @Test("a server needs a PSK store and a hint of at most 65535 bytes")
    func serverRequirements() {
        #expect(Self.failure(Self.client, for: .server)?.code == .invalidConfiguration)
        #expect(Self.failure(Self.server { $0.pskIdentityHint = [UInt8](repeating: 0, count: 0x10000) }, for: .server)?.code == .invalidConfiguration)
    }

    @Test("the defaults follow RFC 7925 and RFC 6347")
    func defaults() {
        let configuration = DTLSConfiguration()
        #expect(configuration.cipherSuites == [.ecdheECDSAWithAES128CCM8, .ecdheECDSAWithAES128GCMSHA256, .pskWithAES128CCM8])
        #expect(configuration.clientAuthentication == .none)
        #expect(configuration.maximumTransmissionUnit == 1232)
        #expect(configuration.retransmission == .rfc6347)
        #expect(configuration.cookieExchange == .enabled)
        #expect(configuration.extendedMasterSecret == .preferred)
        #expect(configuration.handshakeTimeout == nil)
    }
}
