/// The anti-replay sliding window of one read epoch (RFC 6347 §4.1.2.6, RFC 4303 §3.4.3).
///
/// Checking and updating are separate steps so that only records that authenticated move the
/// window: a forger cannot shift it and make genuine records look old.
struct ReplayWindow: Sendable {
    /// How many sequence numbers behind the highest one are still tracked.
    static let size: UInt64 = 64

    /// The highest authenticated sequence number, if any.
    private(set) var highest: UInt64?
    /// Bit `i` set means `highest - i` has been seen.
    private var seen: UInt64 = 0

    /// Whether a record with this sequence number may be new.
    func mayAccept(_ sequenceNumber: UInt64) -> Bool {
        guard let highest else { return true }
        if sequenceNumber > highest { return true }
        let distance = highest - sequenceNumber
        guard distance < Self.size else { return false }
        return seen & (1 << distance) == 0
    }

    /// Marks an authenticated sequence number as seen.
    mutating func accept(_ sequenceNumber: UInt64) {
        guard let current = highest else {
            highest = sequenceNumber
            seen = 1
            return
        }
        if sequenceNumber > current {
            let shift = sequenceNumber - current
            seen = shift >= Self.size ? 1 : (seen << shift) | 1
            highest = sequenceNumber
        } else {
            let distance = current - sequenceNumber
            if distance < Self.size { seen |= 1 << distance }
        }
    }
}
