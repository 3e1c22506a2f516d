import NIOCore
import Testing

@testable import DTLSCore

/// Why decoding `bytes` as `T` fails, or nil when it succeeds.
func decodeFailure<T: WireDecodable>(_: T.Type, _ bytes: [UInt8]) -> DecodeError.Reason? {
    do {
        _ = try T.decode(ByteBuffer(bytes: bytes), context: "test input")
        return nil
    } catch {
        return error.reason
    }
}

/// Decodes `bytes` as a `T` that must span them exactly.
func decode<T: WireDecodable>(_: T.Type, _ bytes: [UInt8]) throws(DecodeError) -> T {
    try T.decode(ByteBuffer(bytes: bytes), context: "test input")
}

/// The encoding of `value` as an array.
func encode(_ value: some WireEncodable) -> [UInt8] {
    Array(buffer: value.encoded)
}

/// Checks that `value` encodes to `bytes` and that `bytes` decode back to `value`.
func expectCodec<T: WireCodable & Equatable>(
    _ value: T,
    _ bytes: [UInt8],
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    #expect(encode(value) == bytes, "encoding", sourceLocation: sourceLocation)
    let decoded = try decode(T.self, bytes)
    #expect(decoded == value, "decoding", sourceLocation: sourceLocation)
}

/// Checks decode(encode(value)) == value and encode(decode(encode(value))) == encode(value).
func expectRoundTrip<T: WireCodable & Equatable>(_ value: T, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let bytes = encode(value)
    let decoded = try decode(T.self, bytes)
    #expect(decoded == value, sourceLocation: sourceLocation)
    #expect(encode(decoded) == bytes, sourceLocation: sourceLocation)
}

/// Checks that no strict prefix of `bytes` decodes, apart from the lengths in `validPrefixes`.
func expectStrictPrefixesFail<T: WireDecodable>(
    _: T.Type,
    _ bytes: [UInt8],
    validPrefixes: Set<Int> = [],
    sourceLocation: SourceLocation = #_sourceLocation
) {
    for length in 0..<bytes.count where !validPrefixes.contains(length) {
        #expect(
            decodeFailure(T.self, Array(bytes[..<length])) != nil,
            "the first \(length) of \(bytes.count) bytes decoded",
            sourceLocation: sourceLocation
        )
    }
}
