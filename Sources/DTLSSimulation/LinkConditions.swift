/// How a simulated link mistreats datagrams in one direction.
public struct LinkConditions: Sendable, Hashable {
    /// Probability that a datagram is lost.
    public var lossRate: Double
    /// Probability that a datagram is delivered twice.
    public var duplicationRate: Double
    /// Probability that a datagram is held back by ``reorderDelay`` so later ones overtake it.
    public var reorderRate: Double
    /// One-way delay of every datagram.
    public var latency: Duration
    /// Extra delay of a reordered datagram.
    public var reorderDelay: Duration

    public init(
        lossRate: Double = 0,
        duplicationRate: Double = 0,
        reorderRate: Double = 0,
        latency: Duration = .milliseconds(10),
        reorderDelay: Duration = .milliseconds(30)
    ) {
        self.lossRate = lossRate
        self.duplicationRate = duplicationRate
        self.reorderRate = reorderRate
        self.latency = latency
        self.reorderDelay = reorderDelay
    }

    /// A link that delivers everything, in order, after 10 ms.
    public static let perfect = LinkConditions()
}
