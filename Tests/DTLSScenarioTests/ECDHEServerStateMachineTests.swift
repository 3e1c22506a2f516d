import Crypto
import NIOCore
import Testing

@testable import DTLSCore

/// The server's ECDHE_ECDSA states against a scripted client that authenticates with a raw
/// public key: missing, repeated and misplaced Certificate and CertificateVerify, bad points.
@Suite("Server state machine with ECDHE_ECDSA")
struct ECDHEServerStateMachineTests {
    /// A server that answered the hello; flight 4 read into the scripted client's transcript.
    private func script(clientAuthentication: ClientAuthenticationPolicy = .required) throws -> (ServerScript, P256.KeyAgreement.PublicKey) {
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

    private func certificate(_ script: ServerScript, key: P256.Signing.PrivateKey = ECDHEScript.clientKey) -> Flight.Item {
        script.client.message(.certificate, RawPublicKeyCertificateMessage(subjectPublicKeyInfo: ECDHEScript.spki(key)))
    }

    /// A ClientKeyExchange; derives the keys as a client would.
    private func keyExchange(_ script: ServerScript, serverKey: P256.KeyAgreement.PublicKey) throws -> Flight.Item {
        let share = P256.KeyAgreement.PrivateKey()
        let item = script.client.message(.clientKeyExchange, ECDHEClientKeyExchange(publicPoint: ECDHE.publicPoint(of: share)))
        script.client.deriveKeys(premasterSecret: try ECDHE.premasterSecret(privateKey: share, peerKey: serverKey))
        return item
    }

    private func certificateVerify(_ script: ServerScript, key: P256.Signing.PrivateKey = ECDHEScript.clientKey) throws -> Flight.Item {
        let signature = try ECDSA.sign(digest: script.client.transcript.currentDigest, with: key)
        return script.client.message(.certificateVerify, CertificateVerify(signatureScheme: .ecdsaSecp256r1SHA256, signature: signature))
    }

    private func finishing(_ script: ServerScript) -> [Flight.Item] {
        script.client.startWritingEpoch1()
        return [.changeCipherSpec(epoch: 0), script.client.message(.finished, script.client.finished(), epoch: 1)]
    }

    private func expectFailure(_ script: ServerScript, _ code: DTLSError.Code, alert: AlertDescription) {
        #expect(script.events.closeError??.code == code)
        #expect(script.sentAlerts == [Alert(level: .fatal, description: alert)])
        #expect(!script.events.completed)
    }

    @Test("flight 4 is ServerHello, Certificate, ServerKeyExchange, CertificateRequest, ServerHelloDone; a correct flight 5 completes")
    func goodHandshake() throws {
        let (script, serverKey) = try script()
        let items = [certificate(script), try keyExchange(script, serverKey: serverKey), try certificateVerify(script)] + finishing(script)
        try script.deliver(items)
        #expect(script.events.completed)
        #expect(script.connection?.isEstablished == true)
    }

    @Test("a ClientKeyExchange point off the curve is illegal_parameter")
    func invalidPoint() throws {
        let (script, _) = try script(clientAuthentication: .none)
        var point = ECDHE.publicPoint(of: P256.KeyAgreement.PrivateKey())
        point[1] ^= 0x80
        try script.deliver([script.client.message(.clientKeyExchange, ECDHEClientKeyExchange(publicPoint: point))])
        expectFailure(script, .illegalParameter, alert: .illegalParameter)
    }

    @Test("a CertificateVerify signed by another key is decrypt_error")
    func badCertificateVerify() throws {
        let (script, serverKey) = try script()
        try script.deliver([certificate(script), try keyExchange(script, serverKey: serverKey), try certificateVerify(script, key: P256.Signing.PrivateKey())])
        expectFailure(script, .badSignature, alert: .decryptError)
    }

    @Test("a ClientKeyExchange before the requested Certificate is unexpected_message")
    func keyExchangeBeforeCertificate() throws {
        let (script, serverKey) = try script()
        try script.deliver([try keyExchange(script, serverKey: serverKey)])
        expectFailure(script, .unexpectedMessage, alert: .unexpectedMessage)
    }

    @Test("a second Certificate is unexpected_message")
    func multipleCertificates() throws {
        let (script, _) = try script()
        try script.deliver([certificate(script), certificate(script)])
        expectFailure(script, .unexpectedMessage, alert: .unexpectedMessage)
    }

    @Test("a CertificateVerify without a client certificate is unexpected_message")
    func verifyWithoutCertificate() throws {
        let (script, serverKey) = try script(clientAuthentication: .none)
        try script.deliver([try keyExchange(script, serverKey: serverKey), try certificateVerify(script)])
        expectFailure(script, .unexpectedMessage, alert: .unexpectedMessage)
    }

    @Test("an empty Certificate when one is required is handshake_failure")
    func missingCertificate() throws {
        let (script, _) = try script()
        try script.deliver([script.client.message(.certificate, X509CertificateMessage(certificates: []))])
        expectFailure(script, .missingCertificate, alert: .handshakeFailure)
    }

    @Test("a client key that is not pinned is handshake_failure")
    func unpinnedClient() throws {
        let (script, _) = try script()
        try script.deliver([certificate(script, key: P256.Signing.PrivateKey())])
        expectFailure(script, .untrustedPeerKey, alert: .handshakeFailure)
    }

    @Test("client authentication without CertificateVerify: keys are never switched, nothing is accepted, the server waits")
    func missingCertificateVerify() throws {
        let (script, serverKey) = try script()
        try script.deliver([certificate(script), try keyExchange(script, serverKey: serverKey)] + finishing(script))
        let record = try script.client.record(.applicationData, Array("unauthenticated".utf8))
        try script.deliver(datagrams: [record])
        #expect(!script.events.completed)
        #expect(script.events.applicationData.isEmpty)
        #expect(script.connection?.isClosed == false)
        #expect(script.connection?.isEstablished == false)
    }

    @Test("a ChangeCipherSpec before the CertificateVerify is held, and the handshake completes once it arrives")
    func changeCipherSpecBeforeVerify() throws {
        let (script, serverKey) = try script()
        let certificateItem = certificate(script)
        let keyExchangeItem = try keyExchange(script, serverKey: serverKey)
        let verify = try certificateVerify(script)
        let rest = finishing(script)
        try script.deliver([certificateItem, keyExchangeItem, rest[0]])
        #expect(script.connection?.isClosed == false)
        try script.deliver([verify])
        try script.deliver([rest[1]])
        #expect(script.events.completed)
    }
}
