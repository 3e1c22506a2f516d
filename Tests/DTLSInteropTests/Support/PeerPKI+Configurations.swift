import DTLSCore
import DTLSX509

/// Our client and server configurations authenticating with a ``PeerPKI``.
extension PeerPKI {
    /// How long our side waits for a certificate handshake before it gives up: generous, as
    /// path validation in a debug build and small MTUs make these handshakes slower than PSK.
    static let handshakeTimeout = Duration.seconds(10)

    /// The host name in the server leaf's subjectAltName.
    static let serverName = "localhost"

    /// Verification of X.509 chains up to this PKI's root, under the strict RFC 7925 profile.
    func certificateVerification() throws -> PeerAuthentication {
        .certificates(X509CertificateVerifier(trustAnchors: try PEMLoading.certificates(from: bytes(.rootCertificate))))
    }

    /// Our client checking the server's chain against this PKI's root and `serverName`,
    /// presenting the client chain (leaf and intermediate) when `clientCertificate` is set.
    func clientConfiguration(serverName: String = PeerPKI.serverName, clientCertificate: Bool = false) throws -> DTLSConfiguration {
        var configuration = DTLSConfiguration()
        configuration.serverName = serverName
        configuration.peerAuthentication = try certificateVerification()
        if clientCertificate {
            configuration.certificateCredentials = try PEMLoading.credentials(chain: bytes(.clientChain), key: bytes(.clientKey))
        }
        configuration.handshakeTimeout = Self.handshakeTimeout
        return configuration
    }

    /// Our server presenting the server chain (leaf and intermediate), asking clients for a
    /// certificate chaining to this PKI's root as `clientAuthentication` says.
    func serverConfiguration(clientAuthentication: ClientAuthenticationPolicy = .none) throws -> DTLSConfiguration {
        var configuration = DTLSConfiguration()
        configuration.certificateCredentials = try PEMLoading.credentials(chain: bytes(.serverChain), key: bytes(.serverKey))
        if clientAuthentication != .none {
            configuration.peerAuthentication = try certificateVerification()
            configuration.clientAuthentication = clientAuthentication
        }
        configuration.handshakeTimeout = Self.handshakeTimeout
        return configuration
    }

    /// Our client with raw public keys: it pins the key in `pinned` and, when `clientKey` is
    /// set, presents the client leaf's key.
    func rawPublicKeyClientConfiguration(pinning pinned: File = .serverPublicKey, clientKey: Bool = false) throws -> DTLSConfiguration {
        var configuration = DTLSConfiguration()
        configuration.peerAuthentication = .pinnedRawPublicKeys([try PEMLoading.subjectPublicKeyInfo(from: bytes(pinned))])
        if clientKey {
            configuration.certificateCredentials = .rawPublicKey(try PEMLoading.privateKey(from: bytes(.clientKey)))
        }
        configuration.handshakeTimeout = Self.handshakeTimeout
        return configuration
    }

    /// Our server presenting the server leaf's key as a raw public key; when
    /// `clientAuthentication` asks for one, it accepts only the client leaf's key.
    func rawPublicKeyServerConfiguration(clientAuthentication: ClientAuthenticationPolicy = .none) throws -> DTLSConfiguration {
        var configuration = DTLSConfiguration()
        configuration.certificateCredentials = .rawPublicKey(try PEMLoading.privateKey(from: bytes(.serverKey)))
        if clientAuthentication != .none {
            configuration.peerAuthentication = .pinnedRawPublicKeys([try PEMLoading.subjectPublicKeyInfo(from: bytes(.clientPublicKey))])
            configuration.clientAuthentication = clientAuthentication
        }
        configuration.handshakeTimeout = Self.handshakeTimeout
        return configuration
    }

    /// The DER SubjectPublicKeyInfo of the key in `file` (a `.pub` file).
    func subjectPublicKeyInfo(_ file: File) throws -> [UInt8] {
        try PEMLoading.subjectPublicKeyInfo(from: bytes(file))
    }
}
