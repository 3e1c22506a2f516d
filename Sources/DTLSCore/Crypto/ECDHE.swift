import Crypto

/// Ephemeral elliptic-curve Diffie-Hellman on P-256 (RFC 8422 §5.10).
enum ECDHE {
    /// Bytes of an uncompressed P-256 point: `04 ‖ X ‖ Y`.
    static let pointLength = 65

    /// The uncompressed encoding of `key`'s public point.
    static func publicPoint(of key: P256.KeyAgreement.PrivateKey) -> [UInt8] {
        Array(key.publicKey.x963Representation)
    }

    /// Parses a peer's point; anything but a valid uncompressed P-256 point is `illegal_parameter`.
    static func peerKey(point: [UInt8]) throws(DTLSError) -> P256.KeyAgreement.PublicKey {
        guard point.count == pointLength, point.first == 0x04 else {
            throw DTLSError(.illegalParameter, "ECDHE point is not an uncompressed P-256 point")
        }
        do {
            return try P256.KeyAgreement.PublicKey(x963Representation: point)
        } catch {
            throw DTLSError(.illegalParameter, "ECDHE point is not on the P-256 curve")
        }
    }

    /// The premaster secret: the x-coordinate of the shared point (RFC 8422 §5.10).
    static func premasterSecret(
        privateKey: P256.KeyAgreement.PrivateKey,
        peerKey: P256.KeyAgreement.PublicKey
    ) throws(DTLSError) -> [UInt8] {
        do {
            let shared = try privateKey.sharedSecretFromKeyAgreement(with: peerKey)
            return shared.withUnsafeBytes { Array($0) }
        } catch {
            throw DTLSError(.illegalParameter, "ECDH with the peer's point failed")
        }
    }
}

/// ECDSA with P-256 and SHA-256, the only signature scheme the profile uses (RFC 7925 §5).
enum ECDSA {
    /// Signs `message` (hashed with SHA-256); returns the DER signature.
    static func sign(_ message: [UInt8], with key: P256.Signing.PrivateKey) throws(DTLSError) -> [UInt8] {
        do {
            return Array(try key.signature(for: message).derRepresentation)
        } catch {
            throw DTLSError(.internalError, "ECDSA signing failed")
        }
    }

    /// Signs a SHA-256 digest; returns the DER signature.
    static func sign(digest: SHA256.Digest, with key: P256.Signing.PrivateKey) throws(DTLSError) -> [UInt8] {
        do {
            return Array(try key.signature(for: digest).derRepresentation)
        } catch {
            throw DTLSError(.internalError, "ECDSA signing failed")
        }
    }

    /// Whether `signature` (DER) is `key`'s signature of `message`.
    static func isValid(_ signature: [UInt8], of message: [UInt8], by key: P256.Signing.PublicKey) -> Bool {
        guard let parsed = try? P256.Signing.ECDSASignature(derRepresentation: signature) else { return false }
        return key.isValidSignature(parsed, for: message)
    }

    /// Whether `signature` (DER) is `key`'s signature of a SHA-256 digest.
    static func isValid(_ signature: [UInt8], ofDigest digest: SHA256.Digest, by key: P256.Signing.PublicKey) -> Bool {
        guard let parsed = try? P256.Signing.ECDSASignature(derRepresentation: signature) else { return false }
        return key.isValidSignature(parsed, for: digest)
    }

    /// Parses a DER SubjectPublicKeyInfo holding a P-256 key.
    static func publicKey(subjectPublicKeyInfo: [UInt8]) -> P256.Signing.PublicKey? {
        try? P256.Signing.PublicKey(derRepresentation: subjectPublicKeyInfo)
    }
}
