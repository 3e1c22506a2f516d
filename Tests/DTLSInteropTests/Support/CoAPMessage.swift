/// A CoAP message (RFC 7252 §3), as much of it as the libcoap tests need.
///
/// ```
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// |Ver| T |  TKL  |      Code     |          Message ID           |
/// |   Token (if any, TKL bytes) ...
/// |   Options (if any) ...
/// |1 1 1 1 1 1 1 1|    Payload (if any) ...
/// ```
struct CoAPMessage: Sendable, Equatable {
    /// The message type.
    enum Kind: UInt8, Sendable {
        case confirmable = 0, nonConfirmable, acknowledgement, reset
    }

    /// An option: its number (absolute, not the delta on the wire) and value.
    struct Option: Sendable, Equatable {
        var number: Int
        var value: [UInt8]
    }

    /// Method code 0.01.
    static let get: UInt8 = 0x01
    /// Response code 2.05 Content.
    static let content: UInt8 = 0x45
    /// The Uri-Path option number (RFC 7252 §5.10).
    static let uriPathOption = 11

    var kind: Kind
    /// `class << 5 | detail`.
    var code: UInt8
    var messageID: UInt16
    var token: [UInt8] = []
    /// In ascending order of number.
    var options: [Option] = []
    var payload: [UInt8] = []

    init(kind: Kind, code: UInt8, messageID: UInt16, token: [UInt8] = [], options: [Option] = [], payload: [UInt8] = []) {
        self.kind = kind
        self.code = code
        self.messageID = messageID
        self.token = token
        self.options = options
        self.payload = payload
    }

    /// Parses a datagram's bytes; nil when they are not a well-formed CoAP message.
    init?(bytes: [UInt8]) {
        guard bytes.count >= 4, bytes[0] >> 6 == 1, let kind = Kind(rawValue: (bytes[0] >> 4) & 0b11) else { return nil }
        let tokenLength = Int(bytes[0] & 0x0F)
        guard tokenLength <= 8, bytes.count >= 4 + tokenLength else { return nil }
        var index = 4 + tokenLength
        /// An option delta or length: its 4-bit nibble, extended by one or two bytes (13, 14).
        func extended(_ nibble: UInt8) -> Int? {
            switch nibble {
            case 0...12:
                return Int(nibble)
            case 13 where index < bytes.count:
                defer { index += 1 }
                return Int(bytes[index]) + 13
            case 14 where index + 1 < bytes.count:
                defer { index += 2 }
                return (Int(bytes[index]) << 8 | Int(bytes[index + 1])) + 269
            default:
                return nil
            }
        }
        var options: [Option] = []
        var payload: [UInt8] = []
        var number = 0
        while index < bytes.count {
            let header = bytes[index]
            index += 1
            if header == 0xFF {
                // A payload marker must be followed by a payload.
                guard index < bytes.count else { return nil }
                payload = Array(bytes[index...])
                break
            }
            guard let delta = extended(header >> 4), let length = extended(header & 0x0F), index + length <= bytes.count else { return nil }
            number += delta
            options.append(Option(number: number, value: Array(bytes[index..<(index + length)])))
            index += length
        }
        self.init(
            kind: kind,
            code: bytes[1],
            messageID: UInt16(bytes[2]) << 8 | UInt16(bytes[3]),
            token: Array(bytes[4..<(4 + tokenLength)]),
            options: options,
            payload: payload
        )
    }

    /// The message on the wire.
    var bytes: [UInt8] {
        var bytes = [1 << 6 | kind.rawValue << 4 | UInt8(token.count), code, UInt8(messageID >> 8), UInt8(messageID & 0xFF)]
        bytes += token
        /// A delta or length as its nibble and extension bytes.
        func nibble(_ value: Int) -> (UInt8, [UInt8]) {
            switch value {
            case ..<13: (UInt8(value), [])
            case ..<269: (13, [UInt8(value - 13)])
            default: (14, [UInt8((value - 269) >> 8), UInt8((value - 269) & 0xFF)])
            }
        }
        var previous = 0
        for option in options {
            let (delta, deltaBytes) = nibble(option.number - previous)
            let (length, lengthBytes) = nibble(option.value.count)
            bytes.append(delta << 4 | length)
            bytes += deltaBytes + lengthBytes + option.value
            previous = option.number
        }
        if !payload.isEmpty { bytes += [0xFF] + payload }
        return bytes
    }

    /// The Uri-Path options joined with "/".
    var uriPath: String {
        options.filter { $0.number == Self.uriPathOption }.map { String(decoding: $0.value, as: UTF8.self) }.joined(separator: "/")
    }

    /// The piggybacked 2.05 Content response to this confirmable request (RFC 7252 §5.2.1).
    func contentResponse(_ text: String) -> CoAPMessage {
        CoAPMessage(kind: .acknowledgement, code: Self.content, messageID: messageID, token: token, payload: Array(text.utf8))
    }
}
