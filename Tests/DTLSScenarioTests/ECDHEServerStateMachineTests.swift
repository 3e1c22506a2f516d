import Crypto
import NIOCore
import Testing

@testable import DTLSCore

/// The server's ECDHE_ECDSA states against a scripted client that authenticates with a raw
/// public key: missing, repeated and misplaced Certificate and CertificateVerify, bad points.
@Suite("Server state machine with ECDHE_ECDSA")
struct ECDHEServerStateMachineTests {
    private func expectFailure(_ script: ServerScript, _ code: DTLSError.Code, alert: AlertDescription) {
        #expect(script.events.closeError??.code == code)
        #expect(script.sentAlerts == [Alert(level: .fatal, description: alert)])
        #expect(!script.events.completed)
        script.expectNoApplicationDataAccepted()
    }

    @Test("flight 4 is ServerHello, Certificate, ServerKeyExchange, CertificateRequest, ServerHelloDone; a correct flight 5 completes")
    func goodHandshake() throws {
        let (script, serverKey) = try ServerScript.ecdhe()
        let items = [script.clientCertificate(), try script.ecdheClientKeyExchange(serverKey: serverKey), try script.clientCertificateVerify()] + script.clientFinishing()
        try script.deliver(items)
        #expect(script.events.completed)
        #expect(script.connection?.isEstablished == true)
    }

    @Test("a ClientKeyExchange point off the curve is illegal_parameter")
    func invalidPoint() throws {
        let (script, _) = try ServerScript.ecdhe(clientAuthentication: .none)
        var point = ECDHE.publicPoint(of: P256.KeyAgreement.PrivateKey())
        point[1] ^= 0x80
        try script.deliver([script.client.message(.clientKeyExchange, ECDHEClientKeyExchange(publicPoint: point))])
        expectFailure(script, .illegalParameter, alert: .illegalParameter)
    }

    @Test("a CertificateVerify signed by another key is decrypt_error")
    func badCertificateVerify() throws {
        let (script, serverKey) = try ServerScript.ecdhe()
        try script.deliver([script.clientCertificate(), try script.ecdheClientKeyExchange(serverKey: serverKey), try script.clientCertificateVerify(key: P256.Signing.PrivateKey())])
        expectFailure(script, .badSignature, alert: .decryptError)
    }

    @Test("a ClientKeyExchange before the requested Certificate is unexpected_message")
    func keyExchangeBeforeCertificate() throws {
        let (script, serverKey) = try ServerScript.ecdhe()
        try script.deliver([try script.ecdheClientKeyExchange(serverKey: serverKey)])
        expectFailure(script, .unexpectedMessage, alert: .unexpectedMessage)
    }

    @Test("a second Certificate is unexpected_message")
    func multipleCertificates() throws {
        let (script, _) = try ServerScript.ecdhe()
        try script.deliver([script.clientCertificate(), script.clientCertificate()])
        expectFailure(script, .unexpectedMessage, alert: .unexpectedMessage)
    }

    @Test("a CertificateVerify without a client certificate is unexpected_message")
    func verifyWithoutCertificate() throws {
        let (script, serverKey) = try ServerScript.ecdhe(clientAuthentication: .none)
        try script.deliver([try script.ecdheClientKeyExchange(serverKey: serverKey), try script.clientCertificateVerify()])
        expectFailure(script, .unexpectedMessage, alert: .unexpectedMessage)
    }

    @Test("an empty Certificate when one is required is handshake_failure")
    func missingCertificate() throws {
        let (script, _) = try ServerScript.ecdhe()
        try script.deliver([script.client.message(.certificate, X509CertificateMessage(certificates: []))])
        expectFailure(script, .missingCertificate, alert: .handshakeFailure)
    }

    @Test("a client key that is not pinned is handshake_failure")
    func unpinnedClient() throws {
        let (script, _) = try ServerScript.ecdhe()
        try script.deliver([script.clientCertificate(key: P256.Signing.PrivateKey())])
        expectFailure(script, .untrustedPeerKey, alert: .handshakeFailure)
    }

    @Test("client authentication without CertificateVerify: keys are never switched, nothing is accepted, the server waits")
    func missingCertificateVerify() throws {
        let (script, serverKey) = try ServerScript.ecdhe()
        try script.deliver([script.clientCertificate(), try script.ecdheClientKeyExchange(serverKey: serverKey)] + script.clientFinishing())
        let record = try script.client.record(.applicationData, Array("unauthenticated".utf8))
        script.deliver(datagrams: [record])
        #expect(!script.events.completed)
        #expect(script.events.applicationData.isEmpty)
        #expect(script.connection?.isClosed == false)
        #expect(script.connection?.isEstablished == false)
    }

    @Test("a ChangeCipherSpec before the CertificateVerify is held, and the handshake completes once it arrives")
    func changeCipherSpecBeforeVerify() throws {
        let (script, serverKey) = try ServerScript.ecdhe()
        let certificateItem = script.clientCertificate()
        let keyExchangeItem = try script.ecdheClientKeyExchange(serverKey: serverKey)
        let verify = try script.clientCertificateVerify()
        let rest = script.clientFinishing()
        try script.deliver([certificateItem, keyExchangeItem, rest[0]])
        #expect(script.connection?.isClosed == false)
        try script.deliver([verify])
        try script.deliver([rest[1]])
        #expect(script.events.completed)
    }
}
