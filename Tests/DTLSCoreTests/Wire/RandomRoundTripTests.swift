import Testing

@testable import DTLSCore

/// Random well-formed values survive encoding and decoding unchanged.
@Suite("Random round trips")
struct RandomRoundTripTests {
    static let iterations = 500

    private static func extensions(using generator: inout SeededGenerator) -> HelloExtensions {
        var extensions = HelloExtensions()
        var types = Set<UInt16>()
        for _ in 0..<Int.random(in: 0...5, using: &generator) {
            let type = UInt16.random(in: .min ... .max, using: &generator)
            guard types.insert(type).inserted else { continue }
            extensions.append(type: ExtensionType(rawValue: type), body: generator.bytes(Int.random(in: 0...40, using: &generator)))
        }
        return extensions
    }

    private static func hostName(using generator: inout SeededGenerator) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789-.".utf8)
        let bytes = (0..<Int.random(in: 1...60, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test("ClientHello")
    func clientHello() throws {
        var generator = SeededGenerator(seed: 1)
        for _ in 0..<Self.iterations {
            let hello = ClientHello(
                clientVersion: ProtocolVersion(rawValue: .random(in: .min ... .max, using: &generator)),
                random: generator.bytes(32),
                sessionID: generator.bytes(Int.random(in: 0...32, using: &generator)),
                cookie: generator.bytes(Int.random(in: 0...255, using: &generator)),
                cipherSuites: (0..<Int.random(in: 1...20, using: &generator)).map { _ in
                    CipherSuite(rawValue: .random(in: .min ... .max, using: &generator))
                },
                compressionMethods: generator.bytes(Int.random(in: 1...4, using: &generator)),
                extensions: Self.extensions(using: &generator)
            )
            try expectRoundTrip(hello)
        }
    }

    @Test("ServerHello")
    func serverHello() throws {
        var generator = SeededGenerator(seed: 2)
        for _ in 0..<Self.iterations {
            let hello = ServerHello(
                serverVersion: ProtocolVersion(rawValue: .random(in: .min ... .max, using: &generator)),
                random: generator.bytes(32),
                sessionID: generator.bytes(Int.random(in: 0...32, using: &generator)),
                cipherSuite: CipherSuite(rawValue: .random(in: .min ... .max, using: &generator)),
                compressionMethod: .random(in: .min ... .max, using: &generator),
                extensions: Self.extensions(using: &generator)
            )
            try expectRoundTrip(hello)
        }
    }

    @Test("headers")
    func headers() throws {
        var generator = SeededGenerator(seed: 3)
        for _ in 0..<Self.iterations {
            try expectRoundTrip(
                RecordHeader(
                    contentType: ContentType(rawValue: .random(in: .min ... .max, using: &generator)),
                    version: ProtocolVersion(rawValue: .random(in: .min ... .max, using: &generator)),
                    epoch: .random(in: .min ... .max, using: &generator),
                    sequenceNumber: .random(in: 0...RecordHeader.maximumSequenceNumber, using: &generator),
                    length: .random(in: .min ... .max, using: &generator)
                )
            )
            let length = Int.random(in: 0...0xFF_FFFF, using: &generator)
            let offset = Int.random(in: 0...length, using: &generator)
            try expectRoundTrip(
                HandshakeHeader(
                    messageType: HandshakeType(rawValue: .random(in: .min ... .max, using: &generator)),
                    length: length,
                    messageSequence: .random(in: .min ... .max, using: &generator),
                    fragmentOffset: offset,
                    fragmentLength: Int.random(in: 0...(length - offset), using: &generator)
                )
            )
        }
    }

    @Test("vector-carrying messages and extensions")
    func vectors() throws {
        var generator = SeededGenerator(seed: 4)
        for _ in 0..<Self.iterations {
            try expectRoundTrip(
                HelloVerifyRequest(
                    serverVersion: ProtocolVersion(rawValue: .random(in: .min ... .max, using: &generator)),
                    cookie: generator.bytes(Int.random(in: 0...255, using: &generator))))
            try expectRoundTrip(PSKClientKeyExchange(identity: generator.bytes(Int.random(in: 0...300, using: &generator))))
            try expectRoundTrip(PSKServerKeyExchange(identityHint: generator.bytes(Int.random(in: 0...300, using: &generator))))
            try expectRoundTrip(Finished(verifyData: generator.bytes(12)))
            try expectRoundTrip(Self.extensions(using: &generator))
            try expectRoundTrip(ServerNameExtension(hostName: Self.hostName(using: &generator)))
            var renegotiationInfo = RenegotiationInfoExtension()
            renegotiationInfo.renegotiatedConnection = generator.bytes(Int.random(in: 0...255, using: &generator))
            try expectRoundTrip(renegotiationInfo)
            try expectRoundTrip(
                Alert(
                    level: AlertLevel(rawValue: .random(in: .min ... .max, using: &generator)),
                    description: AlertDescription(rawValue: .random(in: .min ... .max, using: &generator))))
        }
    }
}
