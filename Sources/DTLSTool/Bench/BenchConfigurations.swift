import Crypto
import DTLSCore
import DTLSSimulation
import DTLSX509
import Foundation

/// The endpoints the benchmarks run: PSK, raw public keys and a certificate chain.
enum BenchConfigurations {
    static let identity = Array("bench".utf8)
    static let key = Array(repeating: UInt8(0x42), count: 16)

    static func pskClient() -> DTLSConfiguration {
        .psk(identity: identity, key: key)
    }

    static func pskServer(cookies: CookieExchange = .disabled) -> DTLSConfiguration {
        var server = DTLSConfiguration.psk(store: StaticPSKStore(identity: identity, key: key))
        server.cookieExchange = cookies
        return server
    }

    /// A server authenticating with a raw public key, and a client pinning it (ECDHE_ECDSA with CCM_8).
    static func rawPublicKey() -> (client: DTLSConfiguration, server: DTLSConfiguration) {
        var server = DTLSConfiguration()
        server.cookieExchange = .disabled
        server.certificateCredentials = .rawPublicKey(serverKey)
        var client = DTLSConfiguration()
        client.peerAuthentication = .pinnedRawPublicKeys([Array(serverKey.publicKey.derRepresentation)])
        client.cipherSuites = [.ecdheECDSAWithAES128CCM8]
        return (client, server)
    }

    /// The same with a certificate chain (leaf and one intermediate) checked against its root.
    static func certificate() throws -> (client: DTLSConfiguration, server: DTLSConfiguration) {
        var (client, server) = rawPublicKey()
        let pki = try TestPKI(intermediateCount: 1, notBefore: Date().addingTimeInterval(-3600))
        server.certificateCredentials = pki.credentials(for: try pki.leaf(dnsNames: ["bench.example"]))
        client.serverName = "bench.example"
        client.peerAuthentication = .certificates(X509CertificateVerifier(trustAnchors: [pki.root.certificate]))
        return (client, server)
    }

    /// A ticket key ring with one random key.
    static func ticketRing() throws -> DTLSTicketKeyRing {
        try TicketKeys.ring(file: nil)
    }

    private static let serverKey = P256.Signing.PrivateKey()
}
