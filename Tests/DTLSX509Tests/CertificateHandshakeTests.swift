import Crypto
import DTLSCore
import DTLSSimulation
import DTLSX509
import Foundation
import NIOCore
import Testing

@Suite("ECDHE_ECDSA with X.509 certificates in memory")
struct CertificateHandshakeTests {
    static let pki = try! TestPKI(intermediateCount: 2)
    static let now = pki.notBefore.addingTimeInterval(86_400)
    static let serverLeaf = try! pki.leaf(dnsNames: ["gateway.example"], clientAuth: false)
    static let clientLeaf = try! pki.leaf(commonName: "01-23-45-67-89-AB-CD-EF", serverAuth: false)

    static func verifier(at time: Date = now) -> X509CertificateVerifier {
        X509CertificateVerifier(trustAnchors: [pki.root.certificate], clock: { time })
    }

    static func client(name: String = "gateway.example", certificate: Bool = false, mtu: Int = 1232, at time: Date = now) -> DTLSConfiguration {
        var configuration = DTLSConfiguration()
        configuration.serverName = name
        configuration.peerAuthentication = .certificates(verifier(at: time))
        if certificate { configuration.certificateCredentials = pki.credentials(for: clientLeaf) }
        configuration.maximumTransmissionUnit = mtu
        return configuration
    }

    static func server(clientAuthentication: ClientAuthenticationPolicy = .none, mtu: Int = 1232, at time: Date = now) -> DTLSConfiguration {
        var configuration = DTLSConfiguration()
        configuration.certificateCredentials = pki.credentials(for: serverLeaf)
        configuration.clientAuthentication = clientAuthentication
        if clientAuthentication != .none { configuration.peerAuthentication = .certificates(verifier(at: time)) }
        configuration.maximumTransmissionUnit = mtu
        return configuration
    }

    @Test("server authentication with a chain of three below the anchor")
    func serverAuthentication() async throws {
        let pair = try SimulatedPair(client: Self.client(), server: Self.server())
        #expect(await pair.runHandshakeVerifyingPeers())
        #expect(pair.clientSession?.cipherSuite == .ecdheECDSAWithAES128CCM8)
        #expect(pair.clientSession?.peerIdentity?.dnsNames == ["gateway.example"])
        #expect(pair.clientSession?.peerIdentity?.certificateChain.count == 3)
        #expect(pair.serverSession?.clientAuthenticated == false)
    }

    @Test("mutual authentication exposes the client's EUI-64 to the server")
    func mutualAuthentication() async throws {
        let pair = try SimulatedPair(client: Self.client(certificate: true), server: Self.server(clientAuthentication: .required))
        #expect(await pair.runHandshakeVerifyingPeers())
        #expect(pair.serverSession?.clientAuthenticated == true)
        #expect(pair.serverSession?.peerIdentity?.eui64 == "01-23-45-67-89-AB-CD-EF")
        try pair.send(Array("authenticated".utf8), from: .client)
        pair.run(until: { pair.serverReceived.count == 1 })
        #expect(pair.serverReceived.map { String(buffer: $0) } == ["authenticated"])
    }

    @Test("certificate flights larger than the MTU are fragmented and reassembled", arguments: [576, 256])
    func fragmentation(mtu: Int) async throws {
        let link = LinkConditions(lossRate: 0.1, reorderRate: 0.3)
        var client = Self.client(certificate: true, mtu: mtu)
        client.retransmission = RetransmissionPolicy(initialTimeout: .seconds(1), maximumRetransmissions: 12)
        var server = Self.server(clientAuthentication: .required, mtu: mtu)
        server.retransmission = client.retransmission
        let pair = try SimulatedPair(client: client, server: server, clientToServer: link, serverToClient: link, seed: UInt64(mtu))
        #expect(await pair.runHandshakeVerifyingPeers())
        #expect(pair.transmissions.allSatisfy { $0.datagram.readableBytes <= mtu })
        let serverCertificate = pair.transmissions.filter { $0.from == .server }.flatMap { DTLSWireInspector.records(in: $0.datagram) }
            .flatMap(\.handshakeFragments).filter { $0.messageType == .certificate }
        #expect(serverCertificate.contains { $0.fragmentLength < $0.messageLength })
    }

    /// Bytes of Certificate message body the server sent, over all fragments.
    static func serverCertificateBytes(_ pair: SimulatedPair) -> Int {
        let records = pair.transmissions.filter { $0.from == .server }.flatMap { DTLSWireInspector.records(in: $0.datagram) }
        return records.flatMap(\.handshakeFragments).filter { $0.messageType == .certificate }.map(\.fragmentLength).reduce(0, +)
    }

    @Test("cached_info: a client holding the chain receives its fingerprint, and the chain is still verified")
    func cachedChain() async throws {
        let first = try SimulatedPair(client: Self.client(), server: Self.server())
        #expect(await first.runHandshakeVerifyingPeers())
        let cached = try #require(first.clientSession?.serverCertificate)
        let fullBytes = Self.serverCertificateBytes(first)

        var client = Self.client()
        client.cachedServerCertificates = [cached]
        let second = try SimulatedPair(client: client, server: Self.server())
        #expect(await second.runHandshakeVerifyingPeers())
        #expect(second.clientSession?.serverCertificateFromCache == true)
        #expect(second.clientSession?.peerIdentity?.certificateChain.count == 3)
        let cachedBytes = Self.serverCertificateBytes(second)
        #expect(cachedBytes == 33)
        #expect(fullBytes > 1000)

        var expired = Self.client(at: Self.pki.notAfter.addingTimeInterval(1))
        expired.cachedServerCertificates = [cached]
        let third = try SimulatedPair(client: expired, server: Self.server())
        #expect(!(await third.runHandshakeVerifyingPeers()))
        #expect(third.clientClosed??.code == .certificateExpired)
    }

    @Test("an expired server certificate fails the client with certificate_expired")
    func expired() async throws {
        let later = Self.pki.notAfter.addingTimeInterval(1)
        let pair = try SimulatedPair(client: Self.client(at: later), server: Self.server())
        #expect(!(await pair.runHandshakeVerifyingPeers()))
        pair.run(until: { pair.serverClosed != nil }, timeLimit: .seconds(1))
        #expect(pair.clientClosed??.code == .certificateExpired)
        #expect(pair.serverClosed??.peerAlert == .certificateExpired)
    }

    @Test("a name mismatch fails with bad_certificate")
    func nameMismatch() async throws {
        let pair = try SimulatedPair(client: Self.client(name: "other.example"), server: Self.server())
        #expect(!(await pair.runHandshakeVerifyingPeers()))
        pair.run(until: { pair.serverClosed != nil }, timeLimit: .seconds(1))
        #expect(pair.clientClosed??.code == .badCertificate)
        #expect(pair.serverClosed??.peerAlert == .badCertificate)
    }

    @Test("a chain from another hierarchy fails with unknown_ca")
    func unknownCA() async throws {
        let other = try TestPKI(intermediateCount: 0)
        var server = Self.server()
        server.certificateCredentials = other.credentials(for: try other.leaf(dnsNames: ["gateway.example"]))
        let pair = try SimulatedPair(client: Self.client(), server: server)
        #expect(!(await pair.runHandshakeVerifyingPeers()))
        pair.run(until: { pair.serverClosed != nil }, timeLimit: .seconds(1))
        #expect(pair.clientClosed??.code == .unknownCA)
        #expect(pair.serverClosed??.peerAlert == .unknownCA)
    }

    @Test("a client without a certificate is refused when one is required, accepted when optional")
    func missingClientCertificate() async throws {
        let required = try SimulatedPair(client: Self.client(), server: Self.server(clientAuthentication: .required))
        #expect(!(await required.runHandshakeVerifyingPeers()))
        required.run(until: { required.clientClosed != nil }, timeLimit: .seconds(1))
        #expect(required.serverClosed??.code == .missingCertificate)
        #expect(required.clientClosed??.peerAlert == .handshakeFailure)

        let optional = try SimulatedPair(client: Self.client(), server: Self.server(clientAuthentication: .optional))
        #expect(await optional.runHandshakeVerifyingPeers())
        #expect(optional.serverSession?.clientAuthenticated == false)
    }

    @Test("a client certificate the server's anchors do not cover is unknown_ca")
    func untrustedClient() async throws {
        let other = try TestPKI(intermediateCount: 0)
        var client = Self.client()
        client.certificateCredentials = other.credentials(for: try other.leaf(commonName: "device"))
        let pair = try SimulatedPair(client: client, server: Self.server(clientAuthentication: .required))
        #expect(!(await pair.runHandshakeVerifyingPeers()))
        pair.run(until: { pair.clientClosed != nil }, timeLimit: .seconds(1))
        #expect(pair.serverClosed??.code == .unknownCA)
        #expect(pair.clientClosed??.peerAlert == .unknownCA)
    }

    @Test("max_fragment_length 512 splits the certificate flights into records of at most 512 bytes", arguments: [true, false])
    func maxFragmentLength(recordSizeLimit: Bool) async throws {
        var client = Self.client(certificate: true)
        if recordSizeLimit { client.recordSizeLimit = 256 } else { client.maximumFragmentLength = .bytes512 }
        let limit = recordSizeLimit ? 256 : 512
        let pair = try SimulatedPair(client: client, server: Self.server(clientAuthentication: .required))
        #expect(await pair.runHandshakeVerifyingPeers())
        let serverRecords = pair.transmissions.filter { $0.from == .server }.dropFirst()
            .flatMap { DTLSWireInspector.records(in: $0.datagram) }
        // Plaintext records: header 13 bytes; protected ones add 16 for CCM_8.
        #expect(serverRecords.allSatisfy { $0.length - 13 - ($0.epoch > 0 ? 16 : 0) <= limit })
        #expect(serverRecords.flatMap(\.handshakeFragments).contains { $0.messageType == .certificate && $0.fragmentLength < $0.messageLength })
    }
}
