import Crypto
import DTLSCore
import SwiftASN1
import X509

/// Reading keys and certificates from PEM or DER, for configurations and tools.
public enum PEMLoading {
    /// Errors for input that is not what it should be.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Every certificate in a PEM document (in order), or one DER certificate.
    public static func certificates(from bytes: [UInt8]) throws -> [Certificate] {
        if let text = String(validating: bytes, as: UTF8.self), text.contains("-----BEGIN") {
            let documents = try PEMDocument.parseMultiple(pemString: text).filter { $0.discriminator == "CERTIFICATE" }
            guard !documents.isEmpty else { throw Failure(description: "no CERTIFICATE block in the PEM input") }
            return try documents.map { try Certificate(derEncoded: $0.derBytes) }
        }
        return [try Certificate(derEncoded: bytes)]
    }

    /// A P-256 private key from PEM (SEC 1 or PKCS #8) or DER.
    public static func privateKey(from bytes: [UInt8]) throws -> P256.Signing.PrivateKey {
        if let text = String(validating: bytes, as: UTF8.self), text.contains("-----BEGIN") {
            do {
                return try P256.Signing.PrivateKey(pemRepresentation: text)
            } catch {
                throw Failure(description: "not a P-256 private key in PEM: \(error)")
            }
        }
        do {
            return try P256.Signing.PrivateKey(derRepresentation: bytes)
        } catch {
            throw Failure(description: "not a P-256 private key in DER: \(error)")
        }
    }

    /// A P-256 SubjectPublicKeyInfo (DER) from a PEM `PUBLIC KEY` block, a certificate, or DER.
    public static func subjectPublicKeyInfo(from bytes: [UInt8]) throws -> [UInt8] {
        if let text = String(validating: bytes, as: UTF8.self), text.contains("-----BEGIN") {
            if text.contains("BEGIN CERTIFICATE") {
                return try certificates(from: bytes)[0].publicKey.subjectPublicKeyInfoBytes
            }
            do {
                return Array(try P256.Signing.PublicKey(pemRepresentation: text).derRepresentation)
            } catch {
                throw Failure(description: "not a P-256 public key in PEM: \(error)")
            }
        }
        do {
            return Array(try P256.Signing.PublicKey(derRepresentation: bytes).derRepresentation)
        } catch {
            throw Failure(description: "not a P-256 SubjectPublicKeyInfo in DER: \(error)")
        }
    }

    /// Credentials from a PEM chain (leaf first) and its PEM key.
    public static func credentials(chain: [UInt8], key: [UInt8]) throws -> CertificateCredentials {
        let certificates = try certificates(from: chain)
        let privateKey = try privateKey(from: key)
        guard certificates[0].publicKey.subjectPublicKeyInfoBytes == Array(privateKey.publicKey.derRepresentation) else {
            throw Failure(description: "the private key does not belong to the first certificate")
        }
        return .x509(chain: try certificates.map { certificate in
            var serializer = DER.Serializer()
            try serializer.serialize(certificate)
            return serializer.serializedBytes
        }, privateKey: privateKey)
    }
}
