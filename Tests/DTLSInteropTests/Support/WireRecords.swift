import DTLSCore
import NIOCore

/// The records in datagrams a ``DatagramRelay`` passed, read with ``DTLSWireInspector``.
enum WireRecords {
    /// Bytes of a DTLS 1.2 record header without a connection ID.
    static let headerLength = 13

    /// The records of `datagrams`, in order.
    static func records(in datagrams: [ByteBuffer]) -> [DTLSRecordSummary] {
        datagrams.flatMap { DTLSWireInspector.records(in: $0) }
    }

    /// Bytes of the handshake in `datagrams`: every handshake and ChangeCipherSpec record,
    /// headers included, in either epoch. Application data and alerts are left out.
    static func handshakeBytes(in datagrams: [ByteBuffer]) -> Int {
        records(in: datagrams)
            .filter { $0.contentType == .handshake || $0.contentType == .changeCipherSpec }
            .reduce(0) { $0 + $1.length }
    }

    /// The plaintext a record carries: what follows the header in epoch 0, and in later
    /// epochs the ciphertext less what `suite`'s AEAD adds (explicit nonce and tag).
    static func plaintextLength(of record: DTLSRecordSummary, protectedBy suite: CipherSuite) -> Int {
        let fragment = record.length - headerLength
        return record.epoch == 0 ? fragment : fragment - suite.recordExpansion
    }

    /// The largest plaintext of the records in `datagrams` that `include` selects; 0 when none.
    static func largestPlaintext(
        in datagrams: [ByteBuffer],
        protectedBy suite: CipherSuite,
        where include: (DTLSRecordSummary) -> Bool = { _ in true }
    ) -> Int {
        records(in: datagrams).filter(include).map { plaintextLength(of: $0, protectedBy: suite) }.max() ?? 0
    }

    /// The unprotected handshake fragments in `datagrams` that carry only part of their message.
    static func partialFragments(in datagrams: [ByteBuffer]) -> [DTLSRecordSummary.Fragment] {
        records(in: datagrams).flatMap(\.handshakeFragments).filter { $0.fragmentLength < $0.messageLength }
    }
}

extension CipherSuite {
    /// Bytes record protection adds to the plaintext of each record under this suite: the
    /// 8-byte explicit nonce and the tag for AES-CCM and AES-GCM (RFC 6655, RFC 5288), the
    /// 16-byte tag alone for ChaCha20-Poly1305 (RFC 7905).
    var recordExpansion: Int {
        switch self {
        case .pskWithAES128CCM8, .ecdheECDSAWithAES128CCM8, .ecdhePSKWithAES128CCM8SHA256: 8 + 8
        case .ecdheECDSAWithAES128GCMSHA256: 8 + 16
        case .ecdheECDSAWithChaCha20Poly1305SHA256, .ecdhePSKWithChaCha20Poly1305SHA256, .pskWithChaCha20Poly1305SHA256: 16
        default: preconditionFailure("no record expansion known for \(self)")
        }
    }
}
