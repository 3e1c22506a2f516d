/// Produces the connection IDs (RFC 9146) an endpoint asks its peers to use.
///
/// A server's generator decides the IDs its datagram router looks connections up by, so all
/// of them have the same ``length``; a fleet can encode a node identifier in them.
public protocol DTLSConnectionIDGenerator: Sendable {
    /// The length of every ID produced, 0 to 255 (0: receive records without an ID).
    var length: Int { get }
    /// A new ID; IDs of live connections must differ.
    func makeConnectionID() -> [UInt8]
}

/// Random IDs of a fixed length.
public struct RandomConnectionIDs: DTLSConnectionIDGenerator {
    public let length: Int
    private let source: any DTLSRandomSource

    public init(length: Int, source: any DTLSRandomSource = SystemRandomSource()) {
        self.length = length
        self.source = source
    }

    public func makeConnectionID() -> [UInt8] {
        source.bytes(length)
    }
}

/// Connection IDs (RFC 9146): offered by a client, accepted by a server.
public struct DTLSConnectionIDConfiguration: Sendable {
    /// The IDs this endpoint asks its peer to put in records.
    public var generator: any DTLSConnectionIDGenerator
    /// RFC 9146's extension and record layout, or mbed TLS 2.x's compatibility variant.
    public var codePoint: ConnectionIDCodePoint

    public init(generator: any DTLSConnectionIDGenerator, codePoint: ConnectionIDCodePoint = .rfc9146) {
        self.generator = generator
        self.codePoint = codePoint
    }

    /// Random IDs of `length` bytes.
    public static func random(length: Int, codePoint: ConnectionIDCodePoint = .rfc9146) -> DTLSConnectionIDConfiguration {
        DTLSConnectionIDConfiguration(generator: RandomConnectionIDs(length: length), codePoint: codePoint)
    }
}
