import Crypto
import NIOCore

@testable import DTLSCore

/// Keys and messages for scripting ECDHE_ECDSA handshakes with raw public keys.
enum ECDHEScript {
    static let serverKey = P256.Signing.PrivateKey()
    static let clientKey = P256.Signing.PrivateKey()

    static func spki(_ key: P256.Signing.PrivateKey) -> [UInt8] { Array(key.publicKey.derRepresentation) }

    /// A client that pins ``serverKey`` and offers only ECDHE_ECDSA with CCM_8.
    static func clientConfiguration(ownKey: P256.Signing.PrivateKey? = nil) -> DTLSConfiguration {
        var configuration = Fixtures.client()
        configuration.pskCredentials = nil
        configuration.peerAuthentication = .pinnedRawPublicKeys([spki(serverKey)])
        configuration.certificateCredentials = ownKey.map { .rawPublicKey($0) }
        return configuration
    }

    /// A server with ``serverKey`` that requires ``clientKey`` when `clientAuthentication` asks.
    static func serverConfiguration(clientAuthentication: ClientAuthenticationPolicy = .none) -> DTLSConfiguration {
        var configuration = Fixtures.server(cookies: .disabled)
        configuration.pskStore = nil
        configuration.certificateCredentials = .rawPublicKey(serverKey)
        configuration.clientAuthentication = clientAuthentication
        configuration.peerAuthentication = .pinnedRawPublicKeys([spki(clientKey)])
        return configuration
    }

    /// The ServerHello extensions for a raw-public-key server (and client, when `clientType`).
    static func serverHelloExtensions(clientType: Bool = false) -> HelloExtensions {
        var extensions = ClientScript.standardExtensions
        extensions.set(ECPointFormatsExtension())
        extensions.set(ServerCertificateTypeSelection(.rawPublicKey))
        if clientType { extensions.set(ClientCertificateTypeSelection(.rawPublicKey)) }
        return extensions
    }

    /// A signed ServerKeyExchange; `point`, `group` and `signature` can be spoiled.
    static func serverKeyExchange(
        clientRandom: [UInt8],
        serverRandom: [UInt8],
        keyShare: P256.KeyAgreement.PrivateKey,
        group: NamedGroup = .secp256r1,
        point: [UInt8]? = nil,
        signWith key: P256.Signing.PrivateKey = serverKey
    ) throws -> ECDHEServerKeyExchange {
        let parameters = ServerECDHParameters(group: group, publicPoint: point ?? ECDHE.publicPoint(of: keyShare))
        let signed = ECDHEServerKeyExchange.signedContent(clientRandom: clientRandom, serverRandom: serverRandom, parameters: parameters)
        return ECDHEServerKeyExchange(parameters: parameters, signatureScheme: .ecdsaSecp256r1SHA256, signature: try ECDSA.sign(signed, with: key))
    }

    /// A ClientHello offering ECDHE_ECDSA with raw public keys.
    static func clientHello(random: [UInt8], clientType: Bool = false) -> ClientHello {
        var extensions = HelloExtensions()
        extensions.set(SupportedGroupsExtension(groups: [.secp256r1]))
        extensions.set(ECPointFormatsExtension())
        extensions.set(SignatureAlgorithmsExtension(schemes: [.ecdsaSecp256r1SHA256]))
        extensions.set(ServerCertificateTypesExtension([.rawPublicKey]))
        if clientType { extensions.set(ClientCertificateTypesExtension([.rawPublicKey])) }
        extensions.set(ExtendedMasterSecretExtension())
        extensions.set(RenegotiationInfoExtension())
        return ClientHello(random: random, cipherSuites: [.ecdheECDSAWithAES128CCM8], extensions: extensions)
    }
}
