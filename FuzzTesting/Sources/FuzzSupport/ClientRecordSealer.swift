@testable import DTLSCore
import NIOCore

/// Seals records as the client of an in-memory handshake would in epoch 1, with any content
/// type, sequence number and plaintext, with the server's connection ID when one was
/// negotiated (RFC 9146).
///
/// The keys come from the client's key log line and the ServerHello random, derived with the
/// library's own key schedule, so fuzz inputs reach what a server does with authenticated
/// records and not only with forgeries.
public struct ClientRecordSealer {
    private let protection: any RecordProtection
    /// The server's connection ID and its layout, when the ServerHello gave one.
    private let connectionID: (bytes: [UInt8], codePoint: ConnectionIDCodePoint)?

    /// - Parameters:
    ///   - keyLogLine: the client's `CLIENT_RANDOM <client random> <master secret>` line.
    ///   - serverHelloBody: the body of the ServerHello of the same handshake.
    ///   - connectionIDCodePoint: where to look for the server's connection ID.
    public init?(keyLogLine: String, serverHelloBody: [UInt8], connectionIDCodePoint: ConnectionIDCodePoint?) {
        let fields = keyLogLine.split(separator: " ")
        guard fields.count == 3, fields[0] == "CLIENT_RANDOM",
            let clientRandom = Self.bytes(hex: fields[1]), let masterSecret = Self.bytes(hex: fields[2]),
            let hello = try? ServerHello.decode(ByteBuffer(bytes: serverHelloBody), context: "ServerHello"),
            let parameters = CipherSuiteParameters.lookup(hello.cipherSuite)
        else { return nil }
        let keys = KeySchedule.trafficKeys(
            masterSecret: PRF(secret: masterSecret),
            clientRandom: clientRandom,
            serverRandom: hello.random,
            algorithm: parameters.protection
        )
        protection = keys.protection(for: .client, algorithm: parameters.protection)
        if let codePoint = connectionIDCodePoint, let offer = try? hello.extensions.connectionID(codePoint), !offer.connectionID.isEmpty {
            connectionID = (offer.connectionID, codePoint)
        } else {
            connectionID = nil
        }
    }

    /// One datagram holding one record; `plaintext` is cut to the 2^14 bytes a record may hold.
    ///
    /// With a connection ID the record is `tls12_cid` and `plaintext ‖ type` its inner
    /// plaintext (a zero type leaves the real type and padding to `plaintext`).
    public func seal(_ type: ContentType, plaintext: [UInt8], epoch: UInt16 = 1, sequence: UInt64) -> ByteBuffer {
        var inner = Array(plaintext.prefix(1 << 14))
        if connectionID != nil { inner.append(type.rawValue) }
        let recordType = connectionID == nil ? type : .connectionID
        let sequence = sequence & RecordHeader.maximumSequenceNumber
        var datagram = ByteBuffer()
        datagram.writeInteger(recordType.rawValue)
        datagram.writeInteger(ProtocolVersion.dtls12.rawValue)
        datagram.writeInteger(epoch)
        datagram.writeUInt48(sequence)
        if let connectionID { datagram.writeBytes(connectionID.bytes) }
        datagram.writeInteger(UInt16(inner.count + protection.overhead))
        let bodyStart = datagram.writerIndex
        datagram.writeRepeatingByte(0, count: protection.explicitNonceLength)
        datagram.writeBytes(inner)
        datagram.writeRepeatingByte(0, count: protection.tagLength)
        var additionalData = RecordAdditionalData(
            epoch: epoch,
            sequenceNumber: sequence,
            contentType: recordType,
            version: .dtls12,
            plaintextLength: inner.count
        )
        additionalData.connectionID = connectionID
        datagram.withUnsafeMutableReadableBytes { bytes in
            protection.seal(body: UnsafeMutableRawBufferPointer(rebasing: bytes[bodyStart...]), additionalData: additionalData)
        }
        return datagram
    }

    private static func bytes(hex: Substring) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index..<(index + 2)], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
        }
        return bytes
    }
}

/// Collects the key log line a client configuration reports.
public final class KeyLogRecorder: @unchecked Sendable {
    /// The last line reported; only touched from the thread running the handshake.
    public private(set) var line: String?

    public init() {}

    /// Forgets the line, for a client configuration used for a second handshake.
    public func reset() {
        line = nil
    }

    /// Pass as ``DTLSConfiguration/keyLog``.
    public var record: @Sendable (String) -> Void {
        { [self] line in self.line = line }
    }
}
