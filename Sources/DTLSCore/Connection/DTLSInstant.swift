/// A point on a monotonic clock, in nanoseconds from an arbitrary origin.
///
/// The core never reads a clock: every call that depends on time takes the current instant as
/// an argument. Adapters convert their clock's readings (for example `NIODeadline`); tests use
/// a virtual clock they advance by hand.
public struct DTLSInstant: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Nanoseconds since the clock's origin.
    public var nanoseconds: UInt64

    public init(nanoseconds: UInt64) {
        self.nanoseconds = nanoseconds
    }

    /// The origin.
    public static let zero = DTLSInstant(nanoseconds: 0)

    /// This instant moved forward by `duration` (negative durations move it back, not below zero).
    public func advanced(by duration: Duration) -> DTLSInstant {
        let delta = duration.nanoseconds
        if delta >= 0 {
            let (sum, overflow) = nanoseconds.addingReportingOverflow(UInt64(delta))
            return DTLSInstant(nanoseconds: overflow ? .max : sum)
        }
        let magnitude = delta.magnitude
        return DTLSInstant(nanoseconds: nanoseconds > magnitude ? nanoseconds - magnitude : 0)
    }

    /// The time from `self` to `other`.
    public func duration(to other: DTLSInstant) -> Duration {
        if other.nanoseconds >= nanoseconds {
            return .nanoseconds(Int64(clamping: other.nanoseconds - nanoseconds))
        }
        return .nanoseconds(-Int64(clamping: nanoseconds - other.nanoseconds))
    }

    public static func < (lhs: DTLSInstant, rhs: DTLSInstant) -> Bool {
        lhs.nanoseconds < rhs.nanoseconds
    }

    public var description: String {
        "t+\(Double(nanoseconds) / 1e9)s"
    }
}

extension Duration {
    /// The duration in whole nanoseconds, saturating.
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, multiplyOverflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let (total, addOverflow) = scaled.addingReportingOverflow(attoseconds / 1_000_000_000)
        if multiplyOverflow || addOverflow { return seconds < 0 ? .min : .max }
        return total
    }
}
