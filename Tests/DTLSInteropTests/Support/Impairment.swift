/// What an ``ImpairmentProxy`` does to the datagrams going one way: each datagram is dropped,
/// delayed, held back so that the next one overtakes it, or sent twice, independently.
struct Impairment: Sendable, Hashable {
    /// The chance that a datagram is dropped.
    var loss = 0.0
    /// The chance that a datagram that is not dropped is also sent a second time.
    var duplication = 0.0
    /// The chance that a datagram that is not dropped is held back until the next datagram
    /// going the same way has been sent (or ``ImpairmentProxy/holdLimit`` passed).
    var reordering = 0.0
    /// The latency added to each datagram and to each copy, drawn uniformly from this range.
    var delay: ClosedRange<Duration> = .zero ... .zero

    /// Every datagram passes at once, unchanged.
    static let none = Impairment()

    /// The fate of one datagram.
    struct Decision: Sendable, Hashable {
        /// It is not sent at all.
        var dropped: Bool
        /// How long after its arrival it is sent.
        var delay: Duration
        /// It waits for the next datagram to overtake it.
        var reordered: Bool
        /// When a copy is sent too, how long after the datagram's arrival.
        var copyDelay: Duration?

        /// Whether the datagram passes unharmed: not dropped, copied or held back.
        var isClean: Bool { !dropped && !reordered && copyDelay == nil }
    }

    /// Draws the next datagram's fate. It takes the same number of draws whatever the outcome,
    /// so the n-th datagram's fate depends only on the generator's seed.
    func decide(using generator: inout SeededGenerator) -> Decision {
        let draws = (0..<5).map { _ in generator.nextUnit() }
        let dropped = draws[0] < loss
        return Decision(
            dropped: dropped,
            delay: latency(draws[1]),
            reordered: !dropped && draws[2] < reordering,
            copyDelay: !dropped && draws[3] < duplication ? latency(draws[4]) : nil
        )
    }

    /// The fates of the first `count` datagrams from a generator seeded with `seed`.
    func decisions(seed: UInt64, count: Int) -> [Decision] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in decide(using: &generator) }
    }

    private func latency(_ draw: Double) -> Duration {
        delay.lowerBound + (delay.upperBound - delay.lowerBound) * draw
    }
}
