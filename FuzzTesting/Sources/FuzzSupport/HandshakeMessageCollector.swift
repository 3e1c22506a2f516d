import DTLSCore
import NIOCore

/// Puts together the unprotected handshake messages carried by datagrams, however fragmented.
public enum HandshakeMessageCollector {
    /// A handshake message as sent.
    public struct Message: Sendable {
        public var type: HandshakeType
        public var sequence: UInt16
        public var body: [UInt8]
    }

    /// Every message complete in `datagrams`, once each, in the order it completed.
    public static func messages(in datagrams: [ByteBuffer]) -> [Message] {
        struct Key: Hashable {
            var type: UInt8
            var sequence: UInt16
            var length: Int
        }
        var partial: [Key: [UInt8?]] = [:]
        var done = Set<Key>()
        var messages: [Message] = []
        for datagram in datagrams {
            for record in DTLSWireInspector.records(in: datagram) {
                for fragment in record.handshakeFragments {
                    let key = Key(type: fragment.messageType.rawValue, sequence: fragment.messageSequence, length: fragment.messageLength)
                    guard !done.contains(key) else { continue }
                    var body = partial[key] ?? Array(repeating: nil, count: fragment.messageLength)
                    for (index, byte) in fragment.bytes.enumerated() where body[fragment.fragmentOffset + index] == nil {
                        body[fragment.fragmentOffset + index] = byte
                    }
                    if body.allSatisfy({ $0 != nil }) {
                        done.insert(key)
                        partial[key] = nil
                        messages.append(Message(type: fragment.messageType, sequence: fragment.messageSequence, body: body.map { $0! }))
                    } else {
                        partial[key] = body
                    }
                }
            }
        }
        return messages
    }

    /// The body of the first complete message of `type`.
    public static func firstBody(of type: HandshakeType, in datagrams: [ByteBuffer]) -> [UInt8]? {
        messages(in: datagrams).first { $0.type == type }?.body
    }
}
