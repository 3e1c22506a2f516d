/// Which extension code point and record format connection IDs use.
public enum ConnectionIDCodePoint: Sendable, Hashable {
    /// RFC 9146: extension 54 and its additional-data layout.
    case rfc9146
    /// The code point 254 and draft-05 additional data of mbed TLS 2.x (and 3.x in
    /// compatibility mode); only for talking to such peers.
    case mbedTLSCompatibility

    var extensionType: ExtensionType {
        switch self {
        case .rfc9146: .connectionID
        case .mbedTLSCompatibility: ExtensionType(rawValue: 254)
        }
    }
}

/// The connection IDs negotiated for records of epoch 1 onwards (RFC 9146 §3).
struct NegotiatedConnectionIDs: Sendable, Hashable {
    /// The peer's connection ID, put in every protected record this endpoint sends (empty: none).
    var sending: [UInt8]
    /// This endpoint's connection ID, expected in every protected record from the peer (empty: none).
    var receiving: [UInt8]
    var codePoint: ConnectionIDCodePoint
}
