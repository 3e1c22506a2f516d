import Crypto
import DTLSCore
import Foundation
import SwiftASN1
import X509

/// Builds throwaway certificate hierarchies (P-256, ECDSA-SHA256) for tests and benchmarks:
/// a root, intermediates, and leaves with whatever names, usages and validity a test needs.
public struct TestPKI: Sendable {
    /// One issued certificate with its key.
    public struct Issued: Sendable {
        public let certificate: Certificate
        public let key: P256.Signing.PrivateKey

        /// The certificate in DER.
        public var der: [UInt8] {
            var serializer = DER.Serializer()
            // Cannot fail: the certificate was just built.
            try! serializer.serialize(certificate)
            return serializer.serializedBytes
        }

        /// The certificate in PEM.
        public var pem: String {
            // Cannot fail: the certificate was just built.
            try! certificate.serializeAsPEM().pemString
        }
    }

    /// The trust anchor.
    public let root: Issued
    /// Intermediates below the root, the first issued by the root.
    public let intermediates: [Issued]
    /// When the hierarchy's certificates start and stop being valid.
    public let notBefore: Date
    public let notAfter: Date

    /// A root and `intermediateCount` intermediates, valid from `notBefore` for `lifetime`.
    public init(intermediateCount: Int = 1, notBefore: Date = Date(timeIntervalSince1970: 1_700_000_000), lifetime: TimeInterval = 10 * 365 * 86_400) throws {
        self.notBefore = notBefore
        self.notAfter = notBefore.addingTimeInterval(lifetime)
        let rootKey = P256.Signing.PrivateKey()
        let rootName = try DistinguishedName {
            CountryName("XX")
            OrganizationName("swift-dtls tests")
            CommonName("Test Root")
        }
        root = try Self.issue(
            subject: rootName,
            key: rootKey,
            issuer: rootName,
            issuerKey: rootKey,
            notBefore: notBefore,
            notAfter: notAfter,
            extensions: Self.authorityExtensions()
        )
        var chain: [Issued] = []
        var issuer = root
        for index in 0..<intermediateCount {
            let key = P256.Signing.PrivateKey()
            let name = try DistinguishedName {
                CountryName("XX")
                OrganizationName("swift-dtls tests")
                CommonName("Test Intermediate \(index + 1)")
            }
            let intermediate = try Self.issue(
                subject: name,
                key: key,
                issuer: issuer.certificate.subject,
                issuerKey: issuer.key,
                notBefore: notBefore,
                notAfter: notAfter,
                extensions: Self.authorityExtensions()
            )
            chain.append(intermediate)
            issuer = intermediate
        }
        intermediates = chain
    }

    /// A leaf issued by the last intermediate (or the root when there is none).
    ///
    /// - Parameters:
    ///   - dnsNames: subjectAltName dNSName entries.
    ///   - commonName: the subject's common name.
    ///   - serverAuth, clientAuth: extendedKeyUsage purposes; both false omits the extension.
    ///   - digitalSignature: whether keyUsage allows signing.
    public func leaf(
        dnsNames: [String] = [],
        commonName: String = "Test Leaf",
        serverAuth: Bool = true,
        clientAuth: Bool = true,
        digitalSignature: Bool = true,
        notBefore: Date? = nil,
        notAfter: Date? = nil,
        key: P256.Signing.PrivateKey = P256.Signing.PrivateKey()
    ) throws -> Issued {
        let issuer = intermediates.last ?? root
        let subject = try DistinguishedName {
            OrganizationName("swift-dtls tests")
            CommonName(commonName)
        }
        var usages: [ExtendedKeyUsage.Usage] = []
        if serverAuth { usages.append(.serverAuth) }
        if clientAuth { usages.append(.clientAuth) }
        let extensions = try Certificate.Extensions {
            Critical(BasicConstraints.notCertificateAuthority)
            Critical(KeyUsage(digitalSignature: digitalSignature, keyAgreement: !digitalSignature))
            if !usages.isEmpty { try ExtendedKeyUsage(usages) }
            if !dnsNames.isEmpty { SubjectAlternativeNames(dnsNames.map { GeneralName.dnsName($0) }) }
        }
        return try Self.issue(
            subject: subject,
            key: key,
            issuer: issuer.certificate.subject,
            issuerKey: issuer.key,
            notBefore: notBefore ?? self.notBefore,
            notAfter: notAfter ?? self.notAfter,
            extensions: extensions
        )
    }

    /// The chain a peer presents for `leaf`: the leaf, then the intermediates up to the root (excluded).
    public func chain(for leaf: Issued) -> [[UInt8]] {
        [leaf.der] + intermediates.reversed().map(\.der)
    }

    /// Credentials presenting `leaf` with its chain.
    public func credentials(for leaf: Issued) -> CertificateCredentials {
        .x509(chain: chain(for: leaf), privateKey: leaf.key)
    }

    private static func authorityExtensions() throws -> Certificate.Extensions {
        try Certificate.Extensions {
            Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
            Critical(KeyUsage(digitalSignature: true, keyCertSign: true, cRLSign: true))
        }
    }

    private static func issue(
        subject: DistinguishedName,
        key: P256.Signing.PrivateKey,
        issuer: DistinguishedName,
        issuerKey: P256.Signing.PrivateKey,
        notBefore: Date,
        notAfter: Date,
        extensions: Certificate.Extensions
    ) throws -> Issued {
        let certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: Certificate.PublicKey(key.publicKey),
            notValidBefore: notBefore,
            notValidAfter: notAfter,
            issuer: issuer,
            subject: subject,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: extensions,
            issuerPrivateKey: Certificate.PrivateKey(issuerKey)
        )
        return Issued(certificate: certificate, key: key)
    }
}
