import NIOCore
import Testing

@testable import DTLSCore

@Suite("Handshake transcript hash")
struct TranscriptTests {
    static let messages = [
        HandshakeMessage(type: .clientHello, sequence: 1, body: ByteBuffer(hex: "aabbcc"), epoch: 0),
        HandshakeMessage(type: .serverHelloDone, sequence: 2, body: ByteBuffer(), epoch: 0),
    ]

    // SHA-256 of "" and of the two messages with their unfragmented headers:
    //   python3 -c 'import hashlib; print(hashlib.sha256(bytes.fromhex(
    //       "010000030001000000000003aabbcc" "0e0000000002000000000000")).hexdigest())'
    static let emptyHash = [UInt8](hex: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    static let bothHash = [UInt8](hex: "990c642cf6a8347d8a839d7b6b71efd5d51bff10e6ae5587fd18af2ffb638005")

    @Test("hashes the messages with their DTLS headers, as if unfragmented")
    func hash() {
        var transcript = Transcript()
        #expect(transcript.currentHash == Self.emptyHash)
        for message in Self.messages { transcript.append(message) }
        #expect(transcript.currentHash == Self.bothHash)
    }

    @Test("reading the hash does not end the transcript")
    func continues() {
        var transcript = Transcript()
        transcript.append(Self.messages[0])
        let partial = transcript.currentHash
        #expect(transcript.currentHash == partial)
        transcript.append(Self.messages[1])
        #expect(transcript.currentHash == Self.bothHash)
    }
}
