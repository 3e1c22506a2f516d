import Crypto
import DTLSSimulation
import NIOCore
import Testing

@testable import DTLSCore

/// cached_info (RFC 7924) with raw public keys: the server replaces its Certificate by a
/// fingerprint when the client holds it, and sends it in full when the client's copy is stale.
@Suite("cached_info for the server's Certificate")
struct CachedCertificateTests {
    static func serverCertificateBytes(_ pair: SimulatedPair) -> Int {
        pair.handshakeFragments(from: .server).filter { $0.messageType == .certificate }.map(\.fragmentLength).reduce(0, +)
    }

    /// Runs a first handshake and returns what the client would cache.
    static func firstHandshake() throws -> (DTLSCachedCertificate, Int) {
        let pair = try SimulatedPair(client: PublicKeyHandshakeTests.client(), server: PublicKeyHandshakeTests.server())
        #expect(pair.runHandshake())
        #expect(pair.clientSession?.serverCertificateFromCache == false)
        #expect(pair.clientSession?.serverHelloExtensions.contains(.cachedInfo) == false)
        let cached = try #require(pair.clientSession?.serverCertificate)
        #expect(cached.message == [0x00, 0x00, 0x5B] + PublicKeyHandshakeTests.spki(PublicKeyHandshakeTests.serverKey))
        return (cached, serverCertificateBytes(pair))
    }

    @Test("a client holding the server's Certificate receives only its fingerprint")
    func cachedCertificate() throws {
        let (cached, fullSize) = try Self.firstHandshake()
        var client = PublicKeyHandshakeTests.client()
        client.cachedServerCertificates = [cached]
        let pair = try SimulatedPair(client: client, server: PublicKeyHandshakeTests.server())
        #expect(pair.runHandshake())
        #expect(pair.clientSession?.serverCertificateFromCache == true)
        #expect(pair.clientSession?.serverHelloExtensions.contains(.cachedInfo) == true)
        #expect(pair.clientSession?.peerIdentity?.subjectPublicKeyInfo == PublicKeyHandshakeTests.spki(PublicKeyHandshakeTests.serverKey))
        #expect(pair.clientSession?.serverCertificate == cached)
        #expect(Self.serverCertificateBytes(pair) == 33)
        #expect(fullSize == 94)
        try pair.send(Array("ping".utf8), from: .client)
        pair.run(until: { pair.serverReceived.count == 1 })
        #expect(pair.received(on: .server) == ["ping"])
    }

    @Test("a stale fingerprint gets the Certificate in full and no cached_info answer")
    func staleFingerprint() throws {
        var client = PublicKeyHandshakeTests.client()
        client.cachedServerCertificates = [DTLSCachedCertificate(message: [0x00, 0x00, 0x01, 0x30])]
        let pair = try SimulatedPair(client: client, server: PublicKeyHandshakeTests.server())
        #expect(pair.runHandshake())
        #expect(pair.clientSession?.serverCertificateFromCache == false)
        #expect(pair.clientSession?.serverHelloExtensions.contains(.cachedInfo) == false)
        #expect(Self.serverCertificateBytes(pair) == 94)
        #expect(pair.clientSession?.serverCertificate?.message.count == 94)
    }

    @Test("a server that does not accept cached_info sends the Certificate in full")
    func serverDeclines() throws {
        let (cached, _) = try Self.firstHandshake()
        var client = PublicKeyHandshakeTests.client()
        client.cachedServerCertificates = [cached]
        var server = PublicKeyHandshakeTests.server()
        server.acceptsCachedCertificates = false
        let pair = try SimulatedPair(client: client, server: server)
        #expect(pair.runHandshake())
        #expect(pair.clientSession?.serverCertificateFromCache == false)
        #expect(Self.serverCertificateBytes(pair) == 94)
    }

    @Test("a cached key no longer pinned is still refused")
    func cachedKeyStillJudged() throws {
        let (cached, _) = try Self.firstHandshake()
        var client = PublicKeyHandshakeTests.client(pinning: PublicKeyHandshakeTests.strangerKey)
        client.cachedServerCertificates = [cached]
        let pair = try SimulatedPair(client: client, server: PublicKeyHandshakeTests.server())
        #expect(!pair.runHandshake())
        #expect(pair.clientClosed??.code == .untrustedPeerKey)
    }

    @Test("a resumed handshake ignores cached_info")
    func resumption() throws {
        let (cached, _) = try Self.firstHandshake()
        var server = PublicKeyHandshakeTests.server()
        server.sessionCache = DTLSSessionCache(capacity: 4)
        let first = try SimulatedPair(client: PublicKeyHandshakeTests.client(), server: server)
        #expect(first.runHandshake())
        var client = PublicKeyHandshakeTests.client()
        client.cachedServerCertificates = [cached]
        client.sessionToResume = first.clientSession?.resumableSession
        let pair = try SimulatedPair(client: client, server: server)
        #expect(pair.runHandshake())
        #expect(pair.clientSession?.resumed == true)
        #expect(pair.clientSession?.serverHelloExtensions.contains(.cachedInfo) == false)
    }

    @Test("the client offers each cached fingerprint as a cert object")
    func offer() throws {
        var configuration = ECDHEScript.clientConfiguration()
        let cached = [DTLSCachedCertificate(message: [1]), DTLSCachedCertificate(message: [2])]
        configuration.cachedServerCertificates = cached
        let script = try ClientScript(configuration: configuration)
        let offer = try #require(try script.hello.extensions.get(CachedInformationOffer.self))
        #expect(offer.objects == cached.map { .init(type: CachedInformationType.certificate, fingerprint: $0.fingerprint) })
        #expect(try ClientScript.ecdhe().hello.extensions.contains(.cachedInfo) == false)
    }

    /// A client holding the real server Certificate, facing a scripted server that accepts it.
    private func scriptHoldingCertificate() throws -> (ClientScript, DTLSCachedCertificate) {
        var configuration = ECDHEScript.clientConfiguration()
        let cached = DTLSCachedCertificate(message: Array(buffer: RawPublicKeyCertificateMessage(subjectPublicKeyInfo: ECDHEScript.spki(ECDHEScript.serverKey)).encoded))
        configuration.cachedServerCertificates = [cached]
        return (try ClientScript(configuration: configuration), cached)
    }

    private func acceptingServerHello(_ script: ClientScript, types: [UInt8] = [CachedInformationType.certificate]) -> Flight.Item {
        var extensions = ECDHEScript.serverHelloExtensions()
        extensions.set(CachedInformationAcceptance(types: types))
        return script.serverHello(suite: .ecdheECDSAWithAES128CCM8, extensions: extensions)
    }

    @Test("a fingerprint-only Certificate naming the cached key continues the handshake")
    func scriptedFingerprint() throws {
        let (script, cached) = try scriptHoldingCertificate()
        try script.deliver([
            acceptingServerHello(script), script.server.message(.certificate, CachedCertificateMessage(fingerprint: cached.fingerprint)),
            try script.serverKeyExchange(), script.serverHelloDone(),
        ])
        let sent = script.events.datagrams.flatMap(script.server.read).flatMap(\.handshakeMessages).map(\.header.messageType)
        #expect(sent == [.clientKeyExchange])
        #expect(script.events.closeError == nil)
    }

    @Test("a fingerprint the client did not offer is illegal_parameter")
    func unknownFingerprint() throws {
        let (script, _) = try scriptHoldingCertificate()
        try script.deliver([acceptingServerHello(script), script.server.message(.certificate, CachedCertificateMessage(fingerprint: [UInt8](repeating: 7, count: 32)))])
        #expect(script.events.closeError??.code == .illegalParameter)
        #expect(script.sentAlerts == [Alert(level: .fatal, description: .illegalParameter)])
        script.expectNoApplicationDataAccepted()
    }

    @Test("a full Certificate after accepting cached_info is decode_error")
    func fullCertificateAfterAcceptance() throws {
        let (script, _) = try scriptHoldingCertificate()
        try script.deliver([acceptingServerHello(script), script.serverCertificate()])
        #expect(script.events.closeError??.code == .decodeError)
        script.expectNoApplicationDataAccepted()
    }

    @Test("accepting a type that was not offered is illegal_parameter", arguments: [[CachedInformationType.certificateRequest], [1, 9]])
    func unofferedType(types: [UInt8]) throws {
        let (script, _) = try scriptHoldingCertificate()
        try script.deliver([acceptingServerHello(script, types: types)])
        #expect(script.events.closeError??.code == .illegalParameter)
    }

    @Test("cached_info in a ServerHello when none was offered is unsupported_extension")
    func unsolicited() throws {
        let script = try ClientScript.ecdhe()
        try script.deliver([acceptingServerHello(script)])
        #expect(script.events.closeError??.code == .unsupportedExtension)
    }

    @Test("a malformed cached_info offer is decode_error at the server")
    func malformedOffer() throws {
        let script = try ServerScript(configuration: ECDHEScript.serverConfiguration())
        var hello = ECDHEScript.clientHello(random: script.client.clientRandom)
        hello.extensions.append(type: .cachedInfo, body: [0x00, 0x00])
        try script.deliver([script.client.message(.clientHello, hello)])
        #expect(script.events.closeError??.code == .decodeError)
        #expect(script.sentAlerts == [Alert(level: .fatal, description: .decodeError)])
    }
}
