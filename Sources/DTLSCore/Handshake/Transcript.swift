import Crypto
import NIOCore

/// The running hash of the handshake messages (RFC 5246 §7.4.9, RFC 6347 §4.2.6).
///
/// Holds every message from the ClientHello that the server accepted onwards, each with its
/// 12-byte DTLS header as if unfragmented. The first ClientHello and HelloVerifyRequest of a
/// cookie exchange are not part of it.
struct Transcript: Sendable {
    private var hash = SHA256()

    mutating func append(_ message: HandshakeMessage) {
        message.unfragmentedBytes.withUnsafeReadableBytes { hash.update(bufferPointer: $0) }
    }

    /// The hash of everything appended so far; appending may continue afterwards.
    var currentHash: [UInt8] {
        Array(hash.finalize())
    }

    /// The same hash as a digest, for signing (CertificateVerify).
    var currentDigest: SHA256.Digest {
        hash.finalize()
    }
}
