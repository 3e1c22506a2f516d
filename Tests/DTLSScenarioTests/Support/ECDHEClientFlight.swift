import Crypto
import NIOCore

@testable import DTLSCore

/// A real ECDHE_ECDSA client (pinning ``ECDHEScript/serverKey``) facing a scripted server.
extension ClientScript {
    /// A client that offers only ECDHE_ECDSA; with `ownKey` it can answer a CertificateRequest.
    static func ecdhe(ownKey: P256.Signing.PrivateKey? = ECDHEScript.clientKey) throws -> ClientScript {
        try ClientScript(configuration: ECDHEScript.clientConfiguration(ownKey: ownKey))
    }

    /// A ServerHello choosing ECDHE_ECDSA with CCM_8 and raw public keys.
    func ecdheServerHello(clientType: Bool = false) -> Flight.Item {
        serverHello(suite: .ecdheECDSAWithAES128CCM8, extensions: ECDHEScript.serverHelloExtensions(clientType: clientType))
    }

    /// The server's Certificate carrying `key` as a raw public key.
    func serverCertificate(key: P256.Signing.PrivateKey = ECDHEScript.serverKey) -> Flight.Item {
        server.message(.certificate, RawPublicKeyCertificateMessage(subjectPublicKeyInfo: ECDHEScript.spki(key)))
    }

    /// A ServerKeyExchange with a fresh key share, signed as ``ECDHEScript/serverKeyExchange`` makes it.
    func serverKeyExchange(
        group: NamedGroup = .secp256r1,
        point: [UInt8]? = nil,
        signWith key: P256.Signing.PrivateKey = ECDHEScript.serverKey
    ) throws -> Flight.Item {
        let message = try ECDHEScript.serverKeyExchange(
            clientRandom: hello.random,
            serverRandom: server.serverRandom,
            keyShare: P256.KeyAgreement.PrivateKey(),
            group: group,
            point: point,
            signWith: key
        )
        return server.message(.serverKeyExchange, message)
    }

    /// A CertificateRequest for an ECDSA key signing with SHA-256.
    func certificateRequest() -> Flight.Item {
        server.message(.certificateRequest, CertificateRequest(certificateTypes: [CertificateRequest.ecdsaSign], signatureSchemes: [.ecdsaSecp256r1SHA256]))
    }
}
