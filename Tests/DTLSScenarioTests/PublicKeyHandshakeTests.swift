import Crypto
import DTLSCore
import DTLSSimulation
import NIOCore
import Testing

@Suite("ECDHE_ECDSA with raw public keys in memory")
struct PublicKeyHandshakeTests {
    static let serverKey = P256.Signing.PrivateKey()
    static let clientKey = P256.Signing.PrivateKey()
    static let strangerKey = P256.Signing.PrivateKey()

    static func spki(_ key: P256.Signing.PrivateKey) -> [UInt8] { Array(key.publicKey.derRepresentation) }

    static func client(pinning server: P256.Signing.PrivateKey = serverKey, ownKey: P256.Signing.PrivateKey? = nil) -> DTLSConfiguration {
        var configuration = DTLSConfiguration()
        configuration.randomSource = SeededRandomSource(seed: 21)
        configuration.peerAuthentication = .pinnedRawPublicKeys([spki(server)])
        configuration.certificateCredentials = ownKey.map { .rawPublicKey($0) }
        return configuration
    }

    static func server(clientAuthentication: ClientAuthenticationPolicy = .none, pinning client: P256.Signing.PrivateKey = clientKey) -> DTLSConfiguration {
        var configuration = DTLSConfiguration()
        configuration.randomSource = SeededRandomSource(seed: 22)
        configuration.certificateCredentials = .rawPublicKey(serverKey)
        if clientAuthentication != .none {
            configuration.clientAuthentication = clientAuthentication
            configuration.peerAuthentication = .pinnedRawPublicKeys([spki(client)])
        }
        return configuration
    }

    @Test("the server authenticates with a raw public key; data flows")
    func serverAuthentication() throws {
        let pair = try SimulatedPair(client: Self.client(), server: Self.server())
        #expect(pair.runHandshake())
        #expect(pair.clientSession?.cipherSuite == .ecdheECDSAWithAES128CCM8)
        #expect(pair.clientSession?.peerIdentity?.subjectPublicKeyInfo == Self.spki(Self.serverKey))
        #expect(pair.clientSession?.serverHelloExtensions.contains(.serverCertificateType) == true)
        #expect(pair.serverSession?.clientAuthenticated == false)
        let server = pair.handshakeFragments(from: .server).map(\.messageType)
        #expect(server == [.helloVerifyRequest, .serverHello, .certificate, .serverKeyExchange, .serverHelloDone])
        try pair.send(Array("ping".utf8), from: .client)
        pair.run(until: { pair.serverReceived.count == 1 })
        #expect(pair.received(on: .server) == ["ping"])
    }

    @Test("mutual authentication with raw public keys")
    func mutualAuthentication() throws {
        let pair = try SimulatedPair(client: Self.client(ownKey: Self.clientKey), server: Self.server(clientAuthentication: .required))
        #expect(pair.runHandshake())
        #expect(pair.serverSession?.clientAuthenticated == true)
        #expect(pair.serverSession?.peerIdentity?.subjectPublicKeyInfo == Self.spki(Self.clientKey))
        #expect(pair.clientSession?.clientAuthenticated == true)
        let client = pair.handshakeFragments(from: .client).map(\.messageType)
        #expect(client.contains(.certificate) && client.contains(.clientKeyExchange))
    }

    @Test("a server key that is not pinned fails with handshake_failure, never a certificate alert")
    func unpinnedServerKey() throws {
        let pair = try SimulatedPair(client: Self.client(pinning: Self.strangerKey), server: Self.server())
        #expect(!pair.runHandshake())
        pair.runUntilBothClosed()
        #expect(pair.clientClosed??.code == .untrustedPeerKey)
        #expect(pair.serverClosed??.peerAlert == .handshakeFailure)
    }

    @Test("a client key that is not pinned fails with handshake_failure")
    func unpinnedClientKey() throws {
        let pair = try SimulatedPair(client: Self.client(ownKey: Self.strangerKey), server: Self.server(clientAuthentication: .required))
        #expect(!pair.runHandshake())
        pair.runUntilBothClosed()
        #expect(pair.serverClosed??.code == .untrustedPeerKey)
        #expect(pair.clientClosed??.peerAlert == .handshakeFailure)
    }

    @Test("a client without a key is refused when authentication is required and accepted when optional")
    func clientWithoutKey() throws {
        let required = try SimulatedPair(client: Self.client(), server: Self.server(clientAuthentication: .required))
        #expect(!required.runHandshake())
        required.runUntilBothClosed()
        #expect(required.serverClosed??.code == .unsupportedCertificate)
        #expect(required.clientClosed??.peerAlert == .unsupportedCertificate)

        let optional = try SimulatedPair(client: Self.client(), server: Self.server(clientAuthentication: .optional))
        #expect(optional.runHandshake())
        #expect(optional.serverSession?.clientAuthenticated == false)
    }

    @Test("AES-128-GCM works on the same machinery")
    func gcm() throws {
        var client = Self.client()
        client.cipherSuites = [.ecdheECDSAWithAES128GCMSHA256]
        let pair = try SimulatedPair(client: client, server: Self.server())
        #expect(pair.runHandshake())
        #expect(pair.serverSession?.cipherSuite == .ecdheECDSAWithAES128GCMSHA256)
        try pair.send(Array("gcm".utf8), from: .server)
        pair.run(until: { pair.clientReceived.count == 1 })
        #expect(pair.received(on: .client) == ["gcm"])
        #expect(pair.transmissions.last.map { $0.datagram.readableBytes } == 13 + 8 + 3 + 16)
    }

    @Test("fresh ECDHE keys every handshake (RFC 7925 §9)")
    func freshKeyShares() throws {
        var clientPoints: Set<[UInt8]> = []
        var serverParameters: Set<[UInt8]> = []
        for _ in 0..<2 {
            let pair = try SimulatedPair(client: Self.client(), server: Self.server())
            #expect(pair.runHandshake())
            let keyExchange = pair.handshakeFragments(from: .client).first { $0.messageType == .clientKeyExchange }
            let serverKeyExchange = pair.handshakeFragments(from: .server).first { $0.messageType == .serverKeyExchange }
            #expect(keyExchange?.bytes.count == 66)
            clientPoints.insert(try #require(keyExchange).bytes)
            // curve_type, named_curve and the point; the signature after it is randomized anyway.
            serverParameters.insert(Array(try #require(serverKeyExchange).bytes.prefix(4 + 65)))
        }
        #expect(clientPoints.count == 2)
        #expect(serverParameters.count == 2)
    }

    @Test("ECDHE with raw public keys over a lossy link and an MTU of 128", arguments: 1...10)
    func lossy(seed: UInt64) throws {
        var client = Self.client(ownKey: Self.clientKey)
        client.maximumTransmissionUnit = 256
        client.retransmission = Fixtures.patientRetransmission
        var server = Self.server(clientAuthentication: .required)
        server.maximumTransmissionUnit = 128
        server.retransmission = Fixtures.patientRetransmission
        let link = LinkConditions(lossRate: 0.2, duplicationRate: 0.1, reorderRate: 0.3)
        let pair = try SimulatedPair(client: client, server: server, clientToServer: link, serverToClient: link, seed: seed)
        #expect(pair.runHandshake())
        #expect(pair.transmissions.filter { $0.from == .server }.allSatisfy { $0.datagram.readableBytes <= 128 })
    }
}

@Suite("Server credentials chosen by server_name")
struct ServerNameSelectionTests {
    @Test("the server presents the key registered for the name the client asked for")
    func selectsByName() throws {
        let sensorKey = P256.Signing.PrivateKey()
        let gatewayKey = P256.Signing.PrivateKey()
        var server = PublicKeyHandshakeTests.server()
        server.certificateCredentials = nil
        server.certificateSelector = { name in
            switch name {
            case "sensor.example": .rawPublicKey(sensorKey)
            case "gateway.example": .rawPublicKey(gatewayKey)
            default: nil
            }
        }
        for (name, key) in [("sensor.example", sensorKey), ("gateway.example", gatewayKey)] {
            var client = PublicKeyHandshakeTests.client(pinning: key)
            client.serverName = name
            let pair = try SimulatedPair(client: client, server: server)
            #expect(pair.runHandshake())
            #expect(pair.clientSession?.peerIdentity?.subjectPublicKeyInfo == PublicKeyHandshakeTests.spki(key))
            #expect(pair.serverSession?.serverName == name)
        }
        var unknown = PublicKeyHandshakeTests.client(pinning: sensorKey)
        unknown.serverName = "other.example"
        let pair = try SimulatedPair(client: unknown, server: server)
        #expect(!pair.runHandshake())
        pair.runUntilBothClosed()
        #expect(pair.serverClosed??.code == .handshakeFailure)
    }
}
