/// Why a wire structure could not be decoded.
///
/// Decode errors inside authenticated handshake messages become a fatal `decode_error`
/// (or `illegal_parameter`) alert; decode errors in record headers only drop the datagram.
public struct DecodeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public enum Reason: Hashable, Sendable {
        /// The input ended before the structure did.
        case truncated
        /// Bytes were left over after the structure ended.
        case trailingBytes
        /// A length field or vector length lies outside the bounds the RFC allows.
        case lengthOutOfRange
        /// A field holds a value the RFC forbids (an illegal parameter, not a framing error).
        case illegalValue
    }

    /// The kind of failure.
    public var reason: Reason
    /// What was being decoded, for diagnostics.
    public var context: String

    init(_ reason: Reason, _ context: String) {
        self.reason = reason
        self.context = context
    }

    public var description: String {
        switch reason {
        case .truncated: "truncated \(context)"
        case .trailingBytes: "trailing bytes after \(context)"
        case .lengthOutOfRange: "length out of range in \(context)"
        case .illegalValue: "illegal value in \(context)"
        }
    }
}
