import NIOCore

/// The additional data authenticated with each protected record (RFC 5246 §6.2.3.3, RFC 6347 §4.1.2.1).
///
/// ```
/// additional_data = epoch + sequence_number + DTLSCompressed.type +
///                   DTLSCompressed.version + DTLSCompressed.length
/// ```
/// `length` is the plaintext length, not the record length.
///
/// Records with a connection ID authenticate it too, in one of two layouts (RFC 9146 §5, and
/// draft-ietf-tls-dtls-connection-id-05 for ``ConnectionIDCodePoint/mbedTLSCompatibility``):
/// ```
/// RFC 9146:  seq_num_placeholder(8 × FF) + tls12_cid + cid_length + tls12_cid +
///            version + epoch + sequence_number + cid + length_of_DTLSInnerPlaintext
/// draft-05:  epoch + sequence_number + tls12_cid + version + cid + cid_length +
///            length_of_DTLSInnerPlaintext
/// ```
struct RecordAdditionalData: Sendable {
    var epoch: UInt16
    var sequenceNumber: UInt64
    var contentType: ContentType
    var version: ProtocolVersion
    /// The plaintext length; with a connection ID, the length of DTLSInnerPlaintext.
    var plaintextLength: Int
    /// The connection ID the record carries, with its layout, or nil for a classic record.
    var connectionID: (bytes: [UInt8], codePoint: ConnectionIDCodePoint)? = nil

    /// The 8 bytes epoch ‖ sequence_number, which RFC 7925 Appendix B also makes the explicit nonce.
    var epochAndSequence: UInt64 { UInt64(epoch) << 48 | sequenceNumber }

    /// Calls `body` with the encoded bytes, built on the stack.
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        if let connectionID { return withConnectionIDBytes(connectionID.bytes, connectionID.codePoint, body) }
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

    private func withConnectionIDBytes<R>(_ cid: [UInt8], _ codePoint: ConnectionIDCodePoint, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        let size = (codePoint == .rfc9146 ? 23 : 14) + cid.count
        return withUnsafeTemporaryAllocation(byteCount: size, alignment: 8) { raw in
            var offset = 0
            func put(_ byte: UInt8) {
                raw[offset] = byte
                offset += 1
            }
            func put16(_ value: UInt16) {
                put(UInt8(value >> 8))
                put(UInt8(truncatingIfNeeded: value))
            }
            func putEpochAndSequence() {
                for shift in stride(from: 56, through: 0, by: -8) { put(UInt8(truncatingIfNeeded: epochAndSequence >> UInt64(shift))) }
            }
            let tls12CID = ContentType.connectionID.rawValue
            switch codePoint {
            case .rfc9146:
                for _ in 0..<8 { put(0xFF) }
                put(tls12CID)
                put(UInt8(cid.count))
                put(tls12CID)
                put16(version.rawValue)
                putEpochAndSequence()
                for byte in cid { put(byte) }
            case .mbedTLSCompatibility:
                putEpochAndSequence()
                put(tls12CID)
                put16(version.rawValue)
                for byte in cid { put(byte) }
                put(UInt8(cid.count))
            }
            put16(UInt16(truncatingIfNeeded: plaintextLength))
            return body(UnsafeRawBufferPointer(raw))
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
