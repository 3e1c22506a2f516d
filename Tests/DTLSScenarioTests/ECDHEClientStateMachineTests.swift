import Crypto
import NIOCore
import Testing

@testable import DTLSCore

/// The client's ECDHE_ECDSA states against a scripted server: bad parameters, bad signatures,
/// messages missing, repeated or out of order.
@Suite("Client state machine with ECDHE_ECDSA")
struct ECDHEClientStateMachineTests {
    private func expectFailure(_ script: ClientScript, _ code: DTLSError.Code, alert: AlertDescription) {
        #expect(script.events.closeError??.code == code)
        #expect(script.sentAlerts == [Alert(level: .fatal, description: alert)])
        #expect(!script.events.completed)
        script.expectNoApplicationDataAccepted()
    }

    @Test("the hello offers P-256, uncompressed points, ecdsa_secp256r1_sha256 and raw public keys")
    func hello() throws {
        let hello = try ClientScript.ecdhe().hello
        #expect(hello.cipherSuites == [.ecdheECDSAWithAES128CCM8, .ecdheECDSAWithAES128GCMSHA256, .emptyRenegotiationInfoSCSV])
        #expect(try hello.extensions.get(SupportedGroupsExtension.self)?.groups == [.secp256r1])
        #expect(try hello.extensions.get(ECPointFormatsExtension.self)?.formats == [0])
        #expect(try hello.extensions.get(SignatureAlgorithmsExtension.self)?.schemes == [.ecdsaSecp256r1SHA256])
        #expect(try hello.extensions.get(ServerCertificateTypesExtension.self)?.offered.types == [.rawPublicKey])
        #expect(try hello.extensions.get(ClientCertificateTypesExtension.self)?.offered.types == [.rawPublicKey])
    }

    @Test("a well-formed flight 4 leads to flight 5 with Certificate, ClientKeyExchange and CertificateVerify")
    func goodFlight() throws {
        let script = try ClientScript.ecdhe()
        let request = CertificateRequest(certificateTypes: [64], signatureSchemes: [.ecdsaSecp256r1SHA256])
        try script.deliver([
            script.ecdheServerHello(clientType: true), script.serverCertificate(), script.serverKeyExchange(),
            script.server.message(.certificateRequest, request), script.serverHelloDone(),
        ])
        let sent = script.events.datagrams.flatMap(script.server.read).flatMap(\.handshakeMessages).map(\.header.messageType)
        #expect(sent == [.certificate, .clientKeyExchange, .certificateVerify])
        script.expectNoApplicationDataAccepted()
    }

    @Test("a ServerKeyExchange point off the curve is illegal_parameter")
    func invalidPoint() throws {
        let script = try ClientScript.ecdhe()
        var point = ECDHE.publicPoint(of: P256.KeyAgreement.PrivateKey())
        point[64] ^= 1
        try script.deliver([script.ecdheServerHello(), script.serverCertificate(), script.serverKeyExchange(point: point)])
        expectFailure(script, .illegalParameter, alert: .illegalParameter)
    }

    @Test("a curve other than secp256r1 is illegal_parameter")
    func wrongCurve() throws {
        let script = try ClientScript.ecdhe()
        try script.deliver([script.ecdheServerHello(), script.serverCertificate(), script.serverKeyExchange(group: .secp384r1)])
        expectFailure(script, .illegalParameter, alert: .illegalParameter)
    }

    @Test("a ServerKeyExchange signed by another key is decrypt_error")
    func badSignature() throws {
        let script = try ClientScript.ecdhe()
        try script.deliver([script.ecdheServerHello(), script.serverCertificate(), script.serverKeyExchange(signWith: P256.Signing.PrivateKey())])
        expectFailure(script, .badSignature, alert: .decryptError)
    }

    @Test("a server key that is not pinned is handshake_failure, not a certificate alert (RFC 7925 §6)")
    func unpinnedKey() throws {
        let script = try ClientScript.ecdhe()
        try script.deliver([script.ecdheServerHello(), script.serverCertificate(key: P256.Signing.PrivateKey())])
        expectFailure(script, .untrustedPeerKey, alert: .handshakeFailure)
    }

    @Test("an empty or truncated Certificate is decode_error", arguments: [[UInt8](), [0, 0, 0], [0, 0, 9, 0x30]])
    func malformedCertificate(body: [UInt8]) throws {
        let script = try ClientScript.ecdhe()
        try script.deliver([script.ecdheServerHello(), script.server.rawMessage(.certificate, body: body, sequence: 1)])
        expectFailure(script, .decodeError, alert: .decodeError)
    }

    @Test("a ServerHello that selects X.509 when raw public keys were offered is unsupported_certificate")
    func certificateTypeMismatch() throws {
        let script = try ClientScript.ecdhe()
        var extensions = ECDHEScript.serverHelloExtensions()
        extensions.set(ServerCertificateTypeSelection(.x509))
        try script.deliver([script.serverHello(suite: .ecdheECDSAWithAES128CCM8, extensions: extensions)])
        expectFailure(script, .unsupportedCertificate, alert: .unsupportedCertificate)
    }

    @Test("ECDHE without ServerKeyExchange is unexpected_message")
    func missingKeyExchange() throws {
        let script = try ClientScript.ecdhe()
        try script.deliver([script.ecdheServerHello(), script.serverCertificate(), script.serverHelloDone()])
        expectFailure(script, .unexpectedMessage, alert: .unexpectedMessage)
    }

    @Test("a CertificateRequest before the ServerKeyExchange is unexpected_message")
    func requestBeforeKeyExchange() throws {
        let script = try ClientScript.ecdhe()
        let request = CertificateRequest(certificateTypes: [64], signatureSchemes: [.ecdsaSecp256r1SHA256])
        try script.deliver([script.ecdheServerHello(), script.serverCertificate(), script.server.message(.certificateRequest, request)])
        expectFailure(script, .unexpectedMessage, alert: .unexpectedMessage)
    }

    @Test("a repeated ServerKeyExchange or CertificateRequest is unexpected_message", arguments: [HandshakeType.serverKeyExchange, .certificateRequest])
    func duplicates(type: HandshakeType) throws {
        let script = try ClientScript.ecdhe()
        let request = CertificateRequest(certificateTypes: [64], signatureSchemes: [.ecdsaSecp256r1SHA256])
        var items = [script.ecdheServerHello(), script.serverCertificate(), try script.serverKeyExchange()]
        if type == .certificateRequest { items.append(script.server.message(.certificateRequest, request)) }
        items.append(type == .certificateRequest ? script.server.message(.certificateRequest, request) : try script.serverKeyExchange())
        try script.deliver(items)
        expectFailure(script, .unexpectedMessage, alert: .unexpectedMessage)
    }

    @Test("a second Certificate is unexpected_message")
    func duplicateCertificate() throws {
        let script = try ClientScript.ecdhe()
        try script.deliver([script.ecdheServerHello(), script.serverCertificate(), script.serverCertificate()])
        expectFailure(script, .unexpectedMessage, alert: .unexpectedMessage)
    }

    @Test("without a usable key the client answers a CertificateRequest with an empty Certificate and no CertificateVerify")
    func requestWithoutKey() throws {
        let script = try ClientScript(configuration: ECDHEScript.clientConfiguration())
        let request = CertificateRequest(certificateTypes: [64], signatureSchemes: [.ecdsaSecp256r1SHA256])
        try script.deliver([
            script.ecdheServerHello(), script.serverCertificate(), script.serverKeyExchange(),
            script.server.message(.certificateRequest, request), script.serverHelloDone(),
        ])
        let sent = script.events.datagrams.flatMap(script.server.read).flatMap(\.handshakeMessages)
        #expect(sent.map(\.header.messageType) == [.certificate, .clientKeyExchange])
        #expect(sent.first.map { Array(buffer: $0.body) } == [0, 0, 0])
        script.expectNoApplicationDataAccepted()
    }
}
