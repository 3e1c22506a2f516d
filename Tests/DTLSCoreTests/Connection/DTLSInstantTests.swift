import Testing

@testable import DTLSCore

@Suite("Instants and durations")
struct DTLSInstantTests {
    @Test("advancing adds whole nanoseconds")
    func advance() {
        let start = DTLSInstant(nanoseconds: 1_000)
        #expect(start.advanced(by: .seconds(2)).nanoseconds == 2_000_001_000)
        #expect(start.advanced(by: .milliseconds(1)).nanoseconds == 1_001_000)
        #expect(start.advanced(by: .nanoseconds(5)).nanoseconds == 1_005)
        #expect(start.advanced(by: .zero) == start)
    }

    @Test("negative durations move back, but not below zero")
    func negative() {
        let start = DTLSInstant(nanoseconds: 1_000)
        #expect(start.advanced(by: .nanoseconds(-400)).nanoseconds == 600)
        #expect(start.advanced(by: .nanoseconds(-1_000)) == .zero)
        #expect(start.advanced(by: .seconds(-1)) == .zero)
    }

    @Test("advancing past the end of the clock saturates")
    func saturation() {
        #expect(DTLSInstant(nanoseconds: .max - 1).advanced(by: .nanoseconds(5)).nanoseconds == .max)
        #expect(DTLSInstant.zero.advanced(by: .seconds(Int64.max)).nanoseconds == UInt64(Int64.max))
    }

    #if compiler(>=6.2)
        // Run in child processes: an arithmetic overflow traps.
        @Test("the most negative durations clamp at zero instead of overflowing")
        func mostNegative() async {
            await #expect(processExitsWith: .success) {
                let instant = DTLSInstant(nanoseconds: 5).advanced(by: .nanoseconds(Int64.min))
                #expect(instant == .zero)
            }
            await #expect(processExitsWith: .success) {
                let instant = DTLSInstant(nanoseconds: 5).advanced(by: .seconds(Int64.min))
                #expect(instant == .zero)
            }
        }
    #endif

    @Test("the duration between instants is signed")
    func durationBetween() {
        let early = DTLSInstant(nanoseconds: 1_000)
        let late = DTLSInstant(nanoseconds: 3_500_001_000)
        #expect(early.duration(to: late) == .milliseconds(3_500))
        #expect(late.duration(to: early) == .milliseconds(-3_500))
        #expect(early.duration(to: early) == .zero)
        #expect(DTLSInstant.zero.duration(to: DTLSInstant(nanoseconds: .max)) == .nanoseconds(Int64.max))
    }

    @Test("instants order by their nanoseconds")
    func ordering() {
        #expect(DTLSInstant.zero < DTLSInstant(nanoseconds: 1))
        #expect(!(DTLSInstant(nanoseconds: 1) < DTLSInstant(nanoseconds: 1)))
        #expect([DTLSInstant(nanoseconds: 3), .zero, DTLSInstant(nanoseconds: 2)].min() == .zero)
        #expect(DTLSInstant(nanoseconds: 1_500_000_000).description == "t+1.5s")
    }

    @Test("durations convert to whole nanoseconds, truncating and saturating")
    func durationNanoseconds() {
        #expect(Duration.seconds(3).nanoseconds == 3_000_000_000)
        #expect(Duration.milliseconds(-1_500).nanoseconds == -1_500_000_000)
        #expect(Duration(secondsComponent: 0, attosecondsComponent: 999_999_999).nanoseconds == 0)
        #expect(Duration(secondsComponent: 1, attosecondsComponent: 1_000_000_000).nanoseconds == 1_000_000_001)
        #expect(Duration.seconds(Int64.max).nanoseconds == .max)
        #expect(Duration.seconds(Int64.min).nanoseconds == .min)
    }
}
