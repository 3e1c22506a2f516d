import NIOCore

/// The additional data authenticated with each protected record (RFC 5246 §6.2.3.3, RFC 6347 §4.1.2.1).
///
/// ```
/// additional_data = epoch + sequence_number + DTLSCompressed.type +
///                   DTLSCompressed.version + DTLSCompressed.length
/// ```
/// `length` is the plaintext length, not the record length.
struct RecordAdditionalData: Sendable {
    var epoch: UInt16
    var sequenceNumber: UInt64
    var contentType: ContentType
    var version: ProtocolVersion
    var plaintextLength: Int

    /// The 8 bytes epoch ‖ sequence_number, which RFC 7925 Appendix B also makes the explicit nonce.
    var epochAndSequence: UInt64 { UInt64(epoch) << 48 | sequenceNumber }

    /// Calls `body` with the 13 encoded bytes, built on the stack.
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        var bytes: (UInt64, UInt32, UInt8) = (epochAndSequence.bigEndian, 0, 0)
        return Swift.withUnsafeMutableBytes(of: &bytes) { raw in
            raw[8] = contentType.rawValue
            raw[9] = UInt8(version.rawValue >> 8)
            raw[10] = UInt8(truncatingIfNeeded: version.rawValue)
            raw[11] = UInt8(truncatingIfNeeded: plaintextLength >> 8)
            raw[12] = UInt8(truncatingIfNeeded: plaintextLength)
            return body(UnsafeRawBufferPointer(rebasing: raw[0..<13]))
        }
    }
}

/// Keyed protection for the records of one epoch in one direction.
///
/// A protected record body is `explicit_nonce ‖ ciphertext ‖ tag`; both operations work in
/// place on that body so the record path copies nothing.
protocol RecordProtection: Sendable {
    /// Bytes in front of the ciphertext.
    var explicitNonceLength: Int { get }
    /// Bytes behind the ciphertext.
    var tagLength: Int { get }

    /// Fills in the explicit nonce, encrypts the plaintext in place and writes the tag.
    ///
    /// `body` is `explicitNonceLength` bytes of room, the plaintext, then `tagLength` bytes of room.
    func seal(body: UnsafeMutableRawBufferPointer, additionalData: RecordAdditionalData)

    /// Decrypts in place and authenticates; the plaintext then sits between nonce and tag.
    ///
    /// `additionalData.plaintextLength` must already be the body length minus ``overhead``.
    func open(body: UnsafeMutableRawBufferPointer, additionalData: RecordAdditionalData) -> Bool
}

extension RecordProtection {
    /// Bytes a record grows by when protected.
    var overhead: Int { explicitNonceLength + tagLength }
}

/// The protection of epoch 0: none (`TLS_NULL_WITH_NULL_NULL`).
struct NullProtection: RecordProtection {
    var explicitNonceLength: Int { 0 }
    var tagLength: Int { 0 }
    func seal(body: UnsafeMutableRawBufferPointer, additionalData: RecordAdditionalData) {}
    func open(body: UnsafeMutableRawBufferPointer, additionalData: RecordAdditionalData) -> Bool { true }
}
