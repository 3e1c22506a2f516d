import DTLSSimulation

/// A reproducible `RandomNumberGenerator` for randomized tests.
struct SeededGenerator: RandomNumberGenerator {
    private let source: SeededRandomSource

    init(seed: UInt64) {
        source = SeededRandomSource(seed: seed)
    }

    mutating func next() -> UInt64 {
        source.next()
    }

    /// `count` pseudo-random bytes.
    mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &self) }
    }
}
