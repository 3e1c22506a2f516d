import DTLSCore
import SwiftASN1
import X509

/// Reads who a certificate names: subject, DNS names and, for devices, an EUI-64 (RFC 7925 §4.4.2).
enum PeerIdentityExtraction {
    static func identity(of leaf: Certificate, chain: [[UInt8]]) throws -> DTLSPeerIdentity {
        let names = dnsNames(of: leaf)
        let candidates = names + commonNames(of: leaf).prefix(1)
        return DTLSPeerIdentity(
            subjectPublicKeyInfo: leaf.publicKey.subjectPublicKeyInfoBytes,
            certificateChain: chain,
            subject: "\(leaf.subject)",
            dnsNames: names,
            eui64: candidates.lazy.compactMap(EUI64.normalized).first
        )
    }

    /// The subjectAltName dNSName entries.
    static func dnsNames(of certificate: Certificate) -> [String] {
        guard let alternativeNames = try? certificate.extensions.subjectAlternativeNames else { return [] }
        return alternativeNames.compactMap { name in
            if case .dnsName(let dnsName) = name { return dnsName }
            return nil
        }
    }

    /// Common names in subject order, most significant first; the last is the leftmost in
    /// RFC 4514 string order.
    static func commonNames(of certificate: Certificate) -> [String] {
        certificate.subject.reversed().flatMap { $0 }.compactMap { attribute in
            guard attribute.type == .RDNAttributeType.commonName else { return nil }
            return String(describing: attribute.value)
        }
    }
}

extension Certificate.PublicKey {
    /// The DER SubjectPublicKeyInfo.
    var subjectPublicKeyInfoBytes: [UInt8] {
        var serializer = DER.Serializer()
        // Cannot fail: the key was parsed from DER.
        try! serializer.serialize(self)
        return serializer.serializedBytes
    }
}

/// EUI-64 identifiers as they appear in device certificates.
enum EUI64 {
    /// `01-23-45-67-89-AB-CD-EF` when `text` is 8 hex bytes, optionally separated by '-' or ':'.
    static func normalized(_ text: String) -> String? {
        let digits = text.filter { $0 != "-" && $0 != ":" }
        guard digits.count == 16, digits.allSatisfy(\.isHexDigit) else { return nil }
        let separators = text.filter { $0 == "-" || $0 == ":" }.count
        guard separators == 0 || separators == 7 else { return nil }
        let upper = Array(digits.uppercased())
        return stride(from: 0, to: 16, by: 2).map { String(upper[$0..<($0 + 2)]) }.joined(separator: "-")
    }
}
