import NIOCore
import Testing

/// The bytes a full and a resumed handshake put on the wire, as a ``DatagramRelay`` saw them.
struct HandshakeSizes: Sendable, CustomStringConvertible {
    /// Handshake and ChangeCipherSpec records of the full handshake, both directions.
    var full: Int
    /// The same for the abbreviated handshake that resumed its session.
    var resumed: Int

    /// Counts the handshake records that passed `full` and `resumed`.
    init(full: DatagramRelay, resumed: DatagramRelay) {
        self.full = WireRecords.handshakeBytes(in: full.datagramsToServer + full.datagramsToClient)
        self.resumed = WireRecords.handshakeBytes(in: resumed.datagramsToServer + resumed.datagramsToClient)
    }

    var description: String {
        "full handshake \(full) bytes, resumed \(resumed) bytes (handshake and ChangeCipherSpec records, both directions, cookie exchange included)"
    }

    /// Expects resumption to have saved bytes where there is something to save: a full
    /// handshake with certificates carries a chain, signatures and key shares that the
    /// abbreviated one skips. A full PSK handshake is about as small as an abbreviated one,
    /// and a ticket (sent twice, before and after the cookie exchange) can make resumption
    /// the larger of the two, so PSK figures are only reported.
    func expectSavings(for credentials: InteropCredentials, sourceLocation: SourceLocation = #_sourceLocation) {
        guard credentials == .certificates else { return }
        #expect(resumed < full, "\(self)", sourceLocation: sourceLocation)
    }

    /// Prints the figures and attaches them to the current test, named `label`.
    func report(_ label: String) {
        print("\(label): \(self)")
        Attachment.record("\(label): \(self)\n", named: "\(label).txt")
    }
}
