import Testing

@testable import DTLSCore

@Suite("Anti-replay window (RFC 6347 §4.1.2.6)")
struct ReplayWindowTests {
    private static func window(accepting sequenceNumbers: [UInt64]) -> ReplayWindow {
        var window = ReplayWindow()
        for sequenceNumber in sequenceNumbers { window.accept(sequenceNumber) }
        return window
    }

    @Test("a fresh window accepts anything and has seen nothing")
    func fresh() {
        let window = ReplayWindow()
        #expect(window.highest == nil)
        #expect(window.mayAccept(0))
        #expect(window.mayAccept(12345))
        #expect(window.mayAccept(RecordHeader.maximumSequenceNumber))
    }

    @Test("a sequence number seen before is a duplicate")
    func duplicate() {
        let window = Self.window(accepting: [0, 1, 5])
        #expect(!window.mayAccept(0))
        #expect(!window.mayAccept(1))
        #expect(!window.mayAccept(5))
        #expect(window.mayAccept(2))
        #expect(window.mayAccept(6))
        #expect(window.highest == 5)
    }

    @Test("64 or more behind the highest is too old; 63 behind is still tracked")
    func tooOld() {
        let window = Self.window(accepting: [100])
        #expect(!window.mayAccept(100 - 64))
        #expect(!window.mayAccept(0))
        #expect(window.mayAccept(100 - 63))
    }

    @Test("an older record inside the window is accepted once, without moving the window")
    func olderInsideWindow() {
        var window = Self.window(accepting: [10])
        #expect(window.mayAccept(8))
        window.accept(8)
        #expect(!window.mayAccept(8))
        #expect(window.mayAccept(9))
        #expect(window.highest == 10)
    }

    @Test("an advance shifts the seen bits with it")
    func advanceShifts() {
        let window = Self.window(accepting: [10, 11, 51])
        #expect(!window.mayAccept(10))
        #expect(!window.mayAccept(11))
        #expect(window.mayAccept(12))
        #expect(window.mayAccept(50))
    }

    @Test("an advance by 63 keeps the oldest bit; by 64 or more everything older is out of the window")
    func advanceBoundaries() {
        let by63 = Self.window(accepting: [10, 73])
        #expect(!by63.mayAccept(10))
        #expect(by63.mayAccept(11))
        let by64 = Self.window(accepting: [10, 74])
        #expect(!by64.mayAccept(10))
        #expect(by64.mayAccept(11))
    }

    @Test("a large jump clears stale bits")
    func largeJump() {
        let window = Self.window(accepting: Array(0...63) + [1000])
        #expect(window.highest == 1000)
        #expect(!window.mayAccept(1000))
        for sequenceNumber in UInt64(1000 - 63)..<1000 {
            #expect(window.mayAccept(sequenceNumber), "\(sequenceNumber) was never seen")
        }
        #expect(!window.mayAccept(1000 - 64))
    }

    @Test("checking does not mark: only accept does")
    func checkDoesNotMark() {
        var window = Self.window(accepting: [3])
        #expect(window.mayAccept(7))
        #expect(window.mayAccept(7))
        #expect(window.highest == 3)
        window.accept(7)
        #expect(!window.mayAccept(7))
        #expect(window.highest == 7)
    }

    @Test("works at the top of the 48-bit sequence space")
    func topOfRange() {
        let maximum = RecordHeader.maximumSequenceNumber
        let window = Self.window(accepting: [maximum - 1, maximum])
        #expect(!window.mayAccept(maximum))
        #expect(!window.mayAccept(maximum - 1))
        #expect(window.mayAccept(maximum - 2))
    }
}
