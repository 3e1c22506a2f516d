import DTLSCore

/// How both ends of a connection ID interop test authenticate, for our configurations and the
/// mbed TLS driver's command line alike.
struct CIDCredentials: Sendable {
    /// The cipher suite and authentication.
    enum Kind: String, Sendable, CaseIterable, CustomStringConvertible {
        /// TLS_PSK_WITH_AES_128_CCM_8 with ``InteropKey/shared``.
        case psk
        /// TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8, the server presenting a ``PeerPKI`` chain.
        case certificates

        var description: String { rawValue }
    }

    /// How long our side waits for a handshake: ssl_server2 occasionally needs one
    /// retransmission (1 s), and a loaded machine runs debug builds slowly.
    static let handshakeTimeout = Duration.seconds(10)

    let kind: Kind
    /// The certificates, for ``Kind/certificates``.
    private let pki: PeerPKI?

    /// Makes the credentials of `kind` (a fresh PKI for certificates), runs `body` with them and
    /// deletes the PKI, whether `body` succeeds or throws.
    static func with<Result>(_ kind: Kind, _ body: (CIDCredentials) async throws -> Result) async throws -> Result {
        guard kind == .certificates else { return try await body(CIDCredentials(kind: kind, pki: nil)) }
        let pki = try await PeerPKI.make()
        defer { pki.remove() }
        return try await body(CIDCredentials(kind: kind, pki: pki))
    }

    /// The suite both ends must agree on.
    var cipherSuite: CipherSuite {
        kind == .psk ? .pskWithAES128CCM8 : .ecdheECDSAWithAES128CCM8
    }

    /// The suite's IANA name, as the driver prints it in `HANDSHAKE OK`.
    var suiteName: String {
        kind == .psk ? "TLS_PSK_WITH_AES_128_CCM_8" : "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8"
    }

    /// Our client, asking the server for `connectionID` on `codePoint` (nil: no CID extension).
    func ourClient(connectionID: TestConnectionID?, codePoint: ConnectionIDCodePoint = .rfc9146) throws -> DTLSConfiguration {
        var configuration = try pki?.clientConfiguration() ?? InteropKey.shared.clientConfiguration
        configuration.connectionIDs = connectionID?.configuration(codePoint: codePoint)
        configuration.handshakeTimeout = Self.handshakeTimeout
        return configuration
    }

    /// Our server with its cookie exchange, giving every client `connectionID` on `codePoint`.
    func ourServer(connectionID: TestConnectionID?, codePoint: ConnectionIDCodePoint = .rfc9146) throws -> DTLSConfiguration {
        var configuration = try pki?.serverConfiguration() ?? InteropKey.shared.serverConfiguration(cookieExchange: .enabled)
        configuration.cookieExchange = .enabled
        configuration.connectionIDs = connectionID?.configuration(codePoint: codePoint)
        configuration.handshakeTimeout = Self.handshakeTimeout
        return configuration
    }

    /// The driver's arguments for the mbed TLS server: the PSK, or the server chain and key
    /// (then it asks for no client certificate).
    var peerServerArguments: [String] {
        guard let pki else { return ["--psk", InteropKey.shared.hex, "--psk-identity", InteropKey.identity] }
        return ["--cert", pki.path(.serverChain), "--key", pki.path(.serverKey)]
    }

    /// The driver's arguments for the mbed TLS client: the PSK, or the root it checks our
    /// chain against and the name it expects.
    var peerClientArguments: [String] {
        guard let pki else { return ["--psk", InteropKey.shared.hex, "--psk-identity", InteropKey.identity] }
        return ["--ca", pki.path(.rootCertificate), "--server-name", PeerPKI.serverName]
    }
}
