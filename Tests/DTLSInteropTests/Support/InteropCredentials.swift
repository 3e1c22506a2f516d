import DTLSCore

/// What the interop handshakes authenticate with.
enum InteropCredentials: String, Sendable, CaseIterable, CustomStringConvertible {
    /// ``InteropKey/shared`` with TLS_PSK_WITH_AES_128_CCM_8.
    case psk
    /// A ``PeerPKI`` chain with TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8; the server authenticates.
    case certificates

    var description: String { rawValue }

    /// The suite the handshakes settle on.
    var cipherSuite: CipherSuite {
        switch self {
        case .psk: .pskWithAES128CCM8
        case .certificates: .ecdheECDSAWithAES128CCM8
        }
    }

    /// Our client's configuration; `pki` is used for certificates.
    func clientConfiguration(pki: PeerPKI) throws -> DTLSConfiguration {
        switch self {
        case .psk: InteropKey.shared.clientConfiguration
        case .certificates: try pki.clientConfiguration()
        }
    }

    /// Our server's configuration (with the cookie exchange); `pki` is used for certificates.
    func serverConfiguration(pki: PeerPKI) throws -> DTLSConfiguration {
        switch self {
        case .psk: InteropKey.shared.serverConfiguration(cookieExchange: .enabled)
        case .certificates: try pki.serverConfiguration()
        }
    }

    /// The OpenSSL options for the same suite and credentials.
    func openSSL(pki: PeerPKI) -> OpenSSLCredentials {
        switch self {
        case .psk: .psk(.shared, cipher: "PSK-AES128-CCM8")
        case .certificates: .certificates(pki)
        }
    }
}
