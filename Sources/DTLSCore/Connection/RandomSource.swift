/// Where a connection gets random bytes: hello randoms, session IDs, cookie secrets.
///
/// Injected so tests and recorded transcripts can be deterministic. Production code uses
/// ``SystemRandomSource``.
public protocol DTLSRandomSource: Sendable {
    /// Fills `buffer` with random bytes.
    func fill(_ buffer: UnsafeMutableRawBufferPointer)
}

extension DTLSRandomSource {
    /// `count` fresh random bytes.
    func bytes(_ count: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            fill(UnsafeMutableRawBufferPointer(buffer))
            initialized = count
        }
    }
}

/// The operating system's cryptographically secure generator.
public struct SystemRandomSource: DTLSRandomSource {
    public init() {}

    public func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        var generator = SystemRandomNumberGenerator()
        var offset = 0
        while offset < buffer.count {
            let word = generator.next()
            let chunk = min(8, buffer.count - offset)
            withUnsafeBytes(of: word) { bytes in
                for index in 0..<chunk { buffer[offset + index] = bytes[index] }
            }
            offset += chunk
        }
    }
}
