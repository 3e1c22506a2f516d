import DTLSCore

/// A connection ID a test chooses for one end, so it knows what the other end must put in
/// its records: the bytes, and the hex form the mbed TLS programs take and print.
struct TestConnectionID: Sendable, Hashable, CustomStringConvertible {
    let bytes: [UInt8]

    /// Ours: five bytes, so that a length mix-up with the peer's cannot go unnoticed.
    static let ours = TestConnectionID(bytes: [0x5d, 0x71, 0x5c, 0x1d, 0x01])
    /// The mbed TLS peer's: three bytes.
    static let peers = TestConnectionID(bytes: [0xde, 0xad, 0x01])
    /// A zero-length ID: the end that chooses it receives records without an ID.
    static let empty = TestConnectionID(bytes: [])

    /// The ID in lowercase hex, as `cid_val=` takes it; empty for a zero-length ID.
    var hex: String {
        bytes.map { ($0 < 0x10 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    /// How the mbed TLS driver prints this ID in its `CID` line: the hex, or `-` when empty.
    var peerOutput: String { "CID " + (bytes.isEmpty ? "-" : hex) }

    /// Our configuration asking the peer for this ID, on `codePoint`.
    func configuration(codePoint: ConnectionIDCodePoint = .rfc9146) -> DTLSConnectionIDConfiguration {
        DTLSConnectionIDConfiguration(generator: FixedConnectionID(id: bytes), codePoint: codePoint)
    }

    var description: String { bytes.isEmpty ? "zero-length" : hex }
}

/// Hands out the same connection ID every time. Only for tests with one connection: a
/// server's live connections need distinct IDs.
struct FixedConnectionID: DTLSConnectionIDGenerator {
    let id: [UInt8]

    var length: Int { id.count }

    func makeConnectionID() -> [UInt8] { id }
}
