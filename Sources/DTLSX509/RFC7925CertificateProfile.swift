import Crypto
import DTLSCore
import SwiftASN1
import X509

/// The leaf and chain rules of RFC 7925 §4.4 that path validation does not cover.
struct RFC7925CertificateProfile {
    let strict: Bool

    /// The leaf must carry a P-256 key allowed to sign for the peer's role.
    func checkLeaf(_ leaf: Certificate, peerRole: Role) throws {
        guard P256.Signing.PublicKey(leaf.publicKey) != nil else {
            throw Rejection(.unsupportedCertificate, "the leaf key is not a P-256 key")
        }
        if let usage = try? leaf.extensions.keyUsage, !usage.digitalSignature {
            throw Rejection(.badCertificate, "the leaf's keyUsage does not allow digitalSignature")
        }
        if let extended = try? leaf.extensions.extendedKeyUsage {
            let needed: ExtendedKeyUsage.Usage = peerRole == .server ? .serverAuth : .clientAuth
            guard extended.contains(needed) || extended.contains(.any) else {
                throw Rejection(.badCertificate, "the leaf's extendedKeyUsage does not allow \(peerRole) authentication")
            }
        }
    }

    /// Every certificate presented is signed with ECDSA and SHA-2 (RFC 7925 §4.4.4, Table 1).
    func checkSignatureAlgorithms(_ chain: [Certificate]) throws {
        let allowed: [Certificate.SignatureAlgorithm] = [.ecdsaWithSHA256, .ecdsaWithSHA384, .ecdsaWithSHA512]
        for certificate in chain where !allowed.contains(certificate.signatureAlgorithm) {
            throw Rejection(.unsupportedCertificate, "\(certificate.subject) is signed with \(certificate.signatureAlgorithm)")
        }
    }

    /// The expected name must equal a subjectAltName dNSName exactly (ASCII case aside):
    /// no wildcards and no common-name fallback (RFC 7925 §4.4.1, RFC 6125).
    func checkServerName(_ name: String, of leaf: Certificate) throws {
        let names = PeerIdentityExtraction.dnsNames(of: leaf)
        guard !names.isEmpty else {
            throw Rejection(.badCertificate, "the certificate has no subjectAltName dNSName (common names are not used)")
        }
        let expected = name.lowercased()
        guard names.contains(where: { !$0.contains("*") && $0.lowercased() == expected }) else {
            throw Rejection(.badCertificate, "the certificate is for \(names.joined(separator: ", ")), not \(name)")
        }
    }
}

extension P256.Signing.PublicKey {
    /// The P-256 key inside a certificate's public key, if it is one.
    init?(_ key: Certificate.PublicKey) {
        guard let parsed = try? P256.Signing.PublicKey(derRepresentation: key.subjectPublicKeyInfoBytes) else { return nil }
        self = parsed
    }
}
