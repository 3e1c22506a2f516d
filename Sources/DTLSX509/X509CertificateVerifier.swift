import Crypto
import DTLSCore
import Foundation
import SwiftASN1
@_spi(FixedExpiryValidationTime) import X509

/// Validates a peer's X.509 chain against trust anchors with swift-certificates, under the
/// RFC 7925 §4.4 certificate profile.
///
/// Checks, in order: the chain parses and is not too long; every certificate presented is
/// within its validity period at ``clock``'s time; the leaf holds a P-256 key usable for
/// signing in the peer's role (keyUsage digitalSignature, extendedKeyUsage serverAuth or
/// clientAuth when present); in strict mode every certificate is ECDSA-signed; for a server,
/// the name the client expects; finally the path to an anchor (RFC 5280). No OCSP or CRL is
/// consulted (RFC 7925 §4.4.3).
public struct X509CertificateVerifier: DTLSCertificateVerifier {
    /// Trusted roots.
    public var trustAnchors: [Certificate]
    /// Strict RFC 7925 §4.4.1 rules: names only from subjectAltName dNSName, no wildcards, no
    /// common-name fallback, ECDSA signatures throughout. Off: swift-certificates' usual
    /// server identity rules and any signature algorithm it supports.
    public var strictProfile: Bool
    /// Certificates a peer may present, leaf included (RFC 7925 §4.4.4 requires at least 3).
    public var maximumChainLength: Int
    /// The wall-clock time validity periods are checked at. Injected so tests can fix it.
    public var clock: @Sendable () -> Date

    public init(
        trustAnchors: [Certificate],
        strictProfile: Bool = true,
        maximumChainLength: Int = 8,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.trustAnchors = trustAnchors
        self.strictProfile = strictProfile
        self.maximumChainLength = maximumChainLength
        self.clock = clock
    }

    public func verify(_ request: DTLSPeerVerificationRequest) async -> DTLSPeerVerdict {
        do {
            return .trusted(try await validate(request))
        } catch let rejection as Rejection {
            return .rejected(rejection.kind, rejection.reason)
        } catch {
            return .rejected(.certificateUnknown, "\(error)")
        }
    }

    private func validate(_ request: DTLSPeerVerificationRequest) async throws -> DTLSPeerIdentity {
        guard !request.certificateChain.isEmpty else { throw Rejection(.badCertificate, "empty certificate chain") }
        guard request.certificateChain.count <= maximumChainLength else {
            throw Rejection(.badCertificate, "chain of \(request.certificateChain.count) certificates exceeds \(maximumChainLength)")
        }
        let chain: [Certificate]
        do {
            chain = try request.certificateChain.map { try Certificate(derEncoded: $0) }
        } catch {
            throw Rejection(.badCertificate, "certificate does not parse: \(error)")
        }
        let now = clock()
        for certificate in chain where !(certificate.notValidBefore...certificate.notValidAfter).contains(now) {
            throw Rejection(.certificateExpired, "\(certificate.subject) is valid \(certificate.notValidBefore) to \(certificate.notValidAfter)")
        }
        let leaf = chain[0]
        let profile = RFC7925CertificateProfile(strict: strictProfile)
        try profile.checkLeaf(leaf, peerRole: request.peerRole)
        if strictProfile { try profile.checkSignatureAlgorithms(chain) }
        if request.peerRole == .server, let name = request.expectedServerName, strictProfile {
            try profile.checkServerName(name, of: leaf)
        }

        var verifier = Verifier(rootCertificates: CertificateStore(trustAnchors)) {
            RFC5280Policy(fixedExpiryValidationTime: now)
            if !strictProfile, request.peerRole == .server, let name = request.expectedServerName {
                ServerIdentityPolicy(serverHostname: name, serverIP: nil)
            }
        }
        switch await verifier.validate(leaf: leaf, intermediates: CertificateStore(chain.dropFirst())) {
        case .validCertificate:
            return try PeerIdentityExtraction.identity(of: leaf, chain: request.certificateChain)
        case .couldNotValidate(let failures):
            let reason = failures.first.map { "\($0.policyFailureReason)" } ?? "no path to a trust anchor"
            throw Rejection(.unknownCA, reason)
        }
    }
}

/// A verification failure with the alert it maps to.
struct Rejection: Error {
    var kind: DTLSCertificateRejection
    var reason: String

    init(_ kind: DTLSCertificateRejection, _ reason: String) {
        self.kind = kind
        self.reason = reason
    }
}
