@testable import DTLSCore
import NIOCore

/// Plays the other side of a handshake by hand, built from the library's own codecs, record
/// layer and key schedule, so a test can send any message, in any order, in any epoch.
final class ScriptedPeer {
    /// What arrived from the connection under test, decrypted where keys allow.
    struct Received {
        var contentType: ContentType
        var epoch: UInt16
        var plaintext: ByteBuffer

        var handshakeMessages: [HandshakeFragment] {
            contentType == .handshake ? (try? HandshakeFragment.readAll(from: plaintext)) ?? [] : []
        }

        var alert: Alert? {
            contentType == .alert ? try? Alert.decode(plaintext, context: "alert") : nil
        }
    }

    /// The role this script plays.
    let role: Role
    var recordLayer = RecordLayer()
    var transcript = Transcript()
    var outgoing = OutgoingMessages(nextSequence: 0)
    var clientRandom: [UInt8] = Array(repeating: 0xC1, count: 32)
    var serverRandom: [UInt8] = Array(repeating: 0x5E, count: 32)
    private(set) var secrets: SessionSecrets?

    init(role: Role) {
        self.role = role
    }

    // MARK: Sending

    /// A numbered handshake message; entered into the transcript unless told otherwise.
    func message(_ type: HandshakeType, _ body: some WireEncodable, epoch: UInt16 = 0, inTranscript: Bool = true) -> Flight.Item {
        let message = outgoing.make(type, body, epoch: epoch)
        if inTranscript { transcript.append(message) }
        return .handshake(message)
    }

    /// A handshake message with raw body bytes and an explicit message_seq.
    func rawMessage(_ type: HandshakeType, body: [UInt8], sequence: UInt16, epoch: UInt16 = 0) -> Flight.Item {
        .handshake(HandshakeMessage(type: type, sequence: sequence, body: ByteBuffer(bytes: body), epoch: epoch))
    }

    /// Seals `items` into one datagram (or more, if large) with this side's record layer.
    func datagrams(_ items: [Flight.Item], mtu: Int = 1400) throws -> [ByteBuffer] {
        try FlightPacker.datagrams(for: Flight(items: items, expectsResponse: true), maximumTransmissionUnit: mtu, recordLayer: &recordLayer)
    }

    /// A single record of arbitrary type and payload.
    func record(_ type: ContentType, _ payload: [UInt8], epoch: UInt16? = nil) throws -> ByteBuffer {
        var datagram = ByteBuffer()
        try recordLayer.appendRecord(type: type, payload: ByteBuffer(bytes: payload), epoch: epoch ?? recordLayer.currentWriteEpoch, to: &datagram)
        return datagram
    }

    // MARK: Receiving

    /// Opens every record of `datagram` that this side has keys for.
    func read(_ datagram: ByteBuffer) -> [Received] {
        var datagram = datagram
        var index = datagram.readerIndex
        var malformed = false
        var received: [Received] = []
        while let record = DatagramRecords.next(in: datagram, at: &index, malformed: &malformed) {
            if case .plaintext(let type, let plaintext) = recordLayer.open(record, in: &datagram) {
                received.append(Received(contentType: type, epoch: record.header.epoch, plaintext: plaintext))
            }
        }
        return received
    }

    // MARK: Keys

    /// Derives the session keys from a PSK as the real peer would, after the transcript holds
    /// everything up to the ClientKeyExchange.
    func deriveKeys(psk: [UInt8], extendedMasterSecret: Bool = true) {
        deriveKeys(premasterSecret: KeySchedule.pskPremasterSecret(psk: psk), extendedMasterSecret: extendedMasterSecret)
    }

    /// Derives the session keys from any premaster secret (ECDHE: the shared x-coordinate).
    func deriveKeys(premasterSecret: [UInt8], extendedMasterSecret: Bool = true) {
        secrets = SessionSecrets(
            premasterSecret: premasterSecret,
            clientRandom: clientRandom,
            serverRandom: serverRandom,
            extendedMasterSecret: extendedMasterSecret,
            sessionHash: transcript.currentHash,
            algorithm: .aesCCM(keyLength: 16, tagLength: 8)
        )
    }

    /// Starts writing epoch 1 with this side's keys.
    func startWritingEpoch1() {
        recordLayer.installWriteEpoch(secrets!.keys.protection(for: role, algorithm: .aesCCM(keyLength: 16, tagLength: 8)))
    }

    /// Starts reading epoch 1 with the other side's keys.
    func startReadingEpoch1() {
        recordLayer.installReadEpoch(secrets!.keys.protection(for: role.peer, algorithm: .aesCCM(keyLength: 16, tagLength: 8)))
    }

    /// This side's Finished over the current transcript.
    func finished() -> Finished {
        Finished(verifyData: secrets!.verifyData(sender: role, transcriptHash: transcript.currentHash))
    }
}

extension DTLSConnection {
    /// Drains the event queue.
    func drainEvents() -> [DTLSEvent] {
        var events: [DTLSEvent] = []
        while let event = nextEvent() { events.append(event) }
        return events
    }
}

extension [DTLSEvent] {
    var datagrams: [ByteBuffer] {
        compactMap { event in
            if case .transmit(let datagram) = event { return datagram }
            return nil
        }
    }

    var closeError: DTLSError?? {
        for event in self {
            if case .closed(let error) = event { return .some(error) }
        }
        return nil
    }

    var completed: Bool {
        contains { event in
            if case .handshakeCompleted = event { return true }
            return false
        }
    }

    var applicationData: [ByteBuffer] {
        compactMap { event in
            if case .applicationData(let data) = event { return data }
            return nil
        }
    }
}
