import DTLSCore
import Synchronization

/// A deterministic random source (SplitMix64) for tests and reproducible runs.
///
/// Never use it for real connections: its output is predictable by design.
public final class SeededRandomSource: DTLSRandomSource {
    private let state: Mutex<UInt64>

    public init(seed: UInt64) {
        state = Mutex(seed)
    }

    /// The next 64 pseudo-random bits.
    public func next() -> UInt64 {
        state.withLock { state in
            state &+= 0x9E37_79B9_7F4A_7C15
            var mixed = state
            mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            return mixed ^ (mixed >> 31)
        }
    }

    /// A value in `0..<1`.
    public func nextUnit() -> Double {
        Double(next() >> 11) / Double(1 << 53)
    }

    public func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        var offset = 0
        while offset < buffer.count {
            let word = next()
            withUnsafeBytes(of: word) { bytes in
                for index in 0..<min(8, buffer.count - offset) { buffer[offset + index] = bytes[index] }
            }
            offset += 8
        }
    }
}
