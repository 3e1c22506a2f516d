import Testing

@testable import DTLSCore

@Suite("Constant-time comparison")
struct ConstantTimeTests {
    @Test("equal byte strings compare equal")
    func equal() {
        #expect(constantTimeEquals([UInt8](), [UInt8]()))
        #expect(constantTimeEquals([1, 2, 3] as [UInt8], [1, 2, 3] as [UInt8]))
    }

    @Test("any differing byte or length makes them unequal")
    func unequal() {
        #expect(!constantTimeEquals([1, 2, 3] as [UInt8], [1, 2, 4] as [UInt8]))
        #expect(!constantTimeEquals([0x80, 2, 3] as [UInt8], [0, 2, 3] as [UInt8]))
        #expect(!constantTimeEquals([1, 2, 3] as [UInt8], [1, 2] as [UInt8]))
        #expect(!constantTimeEquals([UInt8](), [0] as [UInt8]))
    }
}
