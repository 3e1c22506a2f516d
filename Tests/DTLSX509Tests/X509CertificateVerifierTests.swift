import Crypto
import DTLSCore
import DTLSSimulation
import DTLSX509
import Foundation
import Testing

@Suite("X.509 verification under the RFC 7925 profile")
struct X509CertificateVerifierTests {
    static let pki = try! TestPKI(intermediateCount: 2)
    static let now = pki.notBefore.addingTimeInterval(86_400)

    static func verifier(anchors: [TestPKI.Issued] = [pki.root], strict: Bool = true, at time: Date = now) -> X509CertificateVerifier {
        X509CertificateVerifier(trustAnchors: anchors.map(\.certificate), strictProfile: strict, clock: { time })
    }

    static func verdict(
        _ chain: [[UInt8]],
        peer: Role = .server,
        name: String? = "sensor.example",
        verifier: X509CertificateVerifier = verifier()
    ) async -> DTLSPeerVerdict {
        await Verification.run(verifier, chain: chain, peerRole: peer, expectedServerName: name)
    }

    static func rejection(_ verdict: DTLSPeerVerdict) -> DTLSCertificateRejection? {
        if case .rejected(let kind, _) = verdict { return kind }
        return nil
    }

    @Test("a leaf with two intermediates below the anchor is trusted and its identity read")
    func validChain() async throws {
        let leaf = try Self.pki.leaf(dnsNames: ["sensor.example"])
        let verdict = await Self.verdict(Self.pki.chain(for: leaf))
        guard case .trusted(let identity) = verdict else {
            Issue.record("expected trust, got \(verdict)")
            return
        }
        #expect(Self.pki.chain(for: leaf).count == 3)
        #expect(identity.dnsNames == ["sensor.example"])
        #expect(identity.subjectPublicKeyInfo == Array(leaf.key.publicKey.derRepresentation))
        #expect(identity.subject?.contains("Test Leaf") == true)
    }

    @Test("a chain that does not reach an anchor is unknown_ca")
    func unknownAnchor() async throws {
        let other = try TestPKI(intermediateCount: 1)
        let leaf = try Self.pki.leaf(dnsNames: ["sensor.example"])
        #expect(Self.rejection(await Self.verdict(Self.pki.chain(for: leaf), verifier: Self.verifier(anchors: [other.root]))) == .unknownCA)
        // Without its intermediates the leaf cannot be chained either.
        #expect(Self.rejection(await Self.verdict([leaf.der])) == .unknownCA)
    }

    @Test("validity is checked at the injected time", arguments: [-86_400.0, 20 * 365 * 86_400.0])
    func expired(offset: TimeInterval) async throws {
        let leaf = try Self.pki.leaf(dnsNames: ["sensor.example"])
        let verifier = Self.verifier(at: Self.pki.notBefore.addingTimeInterval(offset))
        #expect(Self.rejection(await Self.verdict(Self.pki.chain(for: leaf), verifier: verifier)) == .certificateExpired)
    }

    @Test("an expired leaf in a valid hierarchy is certificate_expired")
    func expiredLeaf() async throws {
        let leaf = try Self.pki.leaf(dnsNames: ["sensor.example"], notAfter: Self.now.addingTimeInterval(-1))
        #expect(Self.rejection(await Self.verdict(Self.pki.chain(for: leaf))) == .certificateExpired)
    }

    @Test("the server name must match a subjectAltName dNSName exactly")
    func nameMismatch() async throws {
        let leaf = try Self.pki.leaf(dnsNames: ["other.example"])
        #expect(Self.rejection(await Self.verdict(Self.pki.chain(for: leaf))) == .badCertificate)
        let matching = try Self.pki.leaf(dnsNames: ["Sensor.Example"])
        if case .rejected = await Self.verdict(Self.pki.chain(for: matching)) { Issue.record("case must not matter") }
    }

    @Test("strict mode: no wildcards and no common-name fallback")
    func strictNames() async throws {
        let wildcard = try Self.pki.leaf(dnsNames: ["*.example"])
        #expect(Self.rejection(await Self.verdict(Self.pki.chain(for: wildcard))) == .badCertificate)
        let commonNameOnly = try Self.pki.leaf(commonName: "sensor.example")
        #expect(Self.rejection(await Self.verdict(Self.pki.chain(for: commonNameOnly))) == .badCertificate)
    }

    @Test("a leaf without serverAuth cannot authenticate a server; one without clientAuth a client")
    func extendedKeyUsage() async throws {
        let clientOnly = try Self.pki.leaf(dnsNames: ["sensor.example"], serverAuth: false, clientAuth: true)
        #expect(Self.rejection(await Self.verdict(Self.pki.chain(for: clientOnly))) == .badCertificate)
        let serverOnly = try Self.pki.leaf(dnsNames: ["sensor.example"], serverAuth: true, clientAuth: false)
        #expect(Self.rejection(await Self.verdict(Self.pki.chain(for: serverOnly), peer: .client, name: nil)) == .badCertificate)
    }

    @Test("a leaf whose keyUsage forbids signing is bad_certificate")
    func keyUsage() async throws {
        let leaf = try Self.pki.leaf(dnsNames: ["sensor.example"], digitalSignature: false)
        #expect(Self.rejection(await Self.verdict(Self.pki.chain(for: leaf))) == .badCertificate)
    }

    @Test("garbage, empty and overlong chains are refused")
    func malformed() async throws {
        #expect(Self.rejection(await Self.verdict([[0x30, 0x03, 0x02, 0x01, 0x01]])) == .badCertificate)
        #expect(Self.rejection(await Self.verdict([])) == .badCertificate)
        let leaf = try Self.pki.leaf(dnsNames: ["sensor.example"])
        let long = Array(repeating: leaf.der, count: 9)
        #expect(Self.rejection(await Self.verdict(long)) == .badCertificate)
    }

    @Test("an EUI-64 in a client certificate is exposed (RFC 7925 §4.4.2)", arguments: ["01-23-45-67-89-AB-CD-EF", "0123456789abcdef"])
    func eui64(commonName: String) async throws {
        let leaf = try Self.pki.leaf(commonName: commonName)
        let verdict = await Self.verdict(Self.pki.chain(for: leaf), peer: .client, name: nil)
        guard case .trusted(let identity) = verdict else {
            Issue.record("expected trust, got \(verdict)")
            return
        }
        #expect(identity.eui64 == "01-23-45-67-89-AB-CD-EF")
    }
}
