import Crypto
import DTLSCore

/// Fixed P-256 keys, so every run of a target performs the same handshakes.
///
/// Test keys only; never use them anywhere else.
public enum FixedKeys {
    /// The server's signing key, presented as a raw public key.
    public static let serverSigning = signingKey(0x21)
    /// The client's signing key, presented as a raw public key.
    public static let clientSigning = signingKey(0x43)

    /// The server's ephemeral ECDHE key, the same in every handshake.
    public static let serverKeyShares = FixedKeyShares(scalar: scalar(0x65))
    /// The client's ephemeral ECDHE key, the same in every handshake.
    public static let clientKeyShares = FixedKeyShares(scalar: scalar(0x87))

    /// The DER SubjectPublicKeyInfo of `key`, as raw public keys are pinned.
    public static func publicKeyInfo(_ key: P256.Signing.PrivateKey) -> [UInt8] {
        Array(key.publicKey.derRepresentation)
    }

    /// A valid P-256 scalar: 32 bytes counting up from `first` (far below the group order).
    static func scalar(_ first: UInt8) -> [UInt8] {
        [0x01] + (0..<31).map { first &+ UInt8($0) }
    }

    static func signingKey(_ first: UInt8) -> P256.Signing.PrivateKey {
        try! P256.Signing.PrivateKey(rawRepresentation: scalar(first))
    }
}

/// Hands out the same ephemeral ECDHE key for every handshake.
///
/// RFC 7925 §9 forbids this in real use; here it makes ECDHE handshakes repeatable.
public struct FixedKeyShares: DTLSKeyShareSource {
    let scalar: [UInt8]

    public func makeKeyShare() -> P256.KeyAgreement.PrivateKey {
        try! P256.KeyAgreement.PrivateKey(rawRepresentation: scalar)
    }
}
