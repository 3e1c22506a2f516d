import Crypto
import NIOCore

@testable import DTLSCore

/// A real ECDHE_ECDSA server facing a scripted client that authenticates with a raw public key.
extension ServerScript {
    /// A server with ``ECDHEScript/serverConfiguration(clientAuthentication:)`` that answered an
    /// ECDHE hello; flight 4 is read into the scripted client's transcript. Also returns the
    /// server's ECDHE public key, for the client's key exchange.
    static func ecdhe(clientAuthentication: ClientAuthenticationPolicy = .required) throws -> (ServerScript, P256.KeyAgreement.PublicKey) {
        let script = try ServerScript(configuration: ECDHEScript.serverConfiguration(clientAuthentication: clientAuthentication))
        let hello = ECDHEScript.clientHello(random: script.client.clientRandom, clientType: clientAuthentication != .none)
        let flight = try script.deliver([script.client.message(.clientHello, hello)]).datagrams
        var serverPoint: [UInt8] = []
        for fragment in flight.flatMap(script.client.read).flatMap(\.handshakeMessages) {
            let message = HandshakeMessage(type: fragment.header.messageType, sequence: fragment.header.messageSequence, body: fragment.body, epoch: 0)
            switch fragment.header.messageType {
            case .serverHello: script.client.serverRandom = try ServerHello.decode(fragment.body, context: "ServerHello").random
            case .serverKeyExchange: serverPoint = try ECDHEServerKeyExchange.decode(fragment.body, context: "ServerKeyExchange").parameters.publicPoint
            default: break
            }
            script.client.transcript.append(message)
        }
        return (script, try ECDHE.peerKey(point: serverPoint))
    }

    /// The client's Certificate carrying `key` as a raw public key.
    func clientCertificate(key: P256.Signing.PrivateKey = ECDHEScript.clientKey) -> Flight.Item {
        client.message(.certificate, RawPublicKeyCertificateMessage(subjectPublicKeyInfo: ECDHEScript.spki(key)))
    }

    /// An ECDHE ClientKeyExchange; derives the session keys as a client would.
    func ecdheClientKeyExchange(serverKey: P256.KeyAgreement.PublicKey) throws -> Flight.Item {
        let share = P256.KeyAgreement.PrivateKey()
        let item = client.message(.clientKeyExchange, ECDHEClientKeyExchange(publicPoint: ECDHE.publicPoint(of: share)))
        client.deriveKeys(premasterSecret: try ECDHE.premasterSecret(privateKey: share, peerKey: serverKey))
        return item
    }

    /// A CertificateVerify over the transcript so far, signed with `key`.
    func clientCertificateVerify(key: P256.Signing.PrivateKey = ECDHEScript.clientKey) throws -> Flight.Item {
        let signature = try ECDSA.sign(digest: client.transcript.currentDigest, with: key)
        return client.message(.certificateVerify, CertificateVerify(signatureScheme: .ecdsaSecp256r1SHA256, signature: signature))
    }

    /// ChangeCipherSpec and the client's Finished over the transcript so far.
    func clientFinishing() -> [Flight.Item] {
        client.startWritingEpoch1()
        return [.changeCipherSpec(epoch: 0), client.message(.finished, client.finished(), epoch: 1)]
    }
}
