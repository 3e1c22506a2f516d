import DTLSCore
import DTLSSimulation

/// What `FuzzServerSession` does with one input: a handshake to set up, then steps.
///
/// With a resumption feature the client first completes a full handshake with the same
/// server, then the scripted handshake resumes it.
///
/// Layout (every input parses; missing bytes read as zero):
///
/// ```
/// header   1 byte   bit 0: profile (0 PSK, 1 raw public keys); bit 1: cookie exchange on
///                   (ignored with a small MTU: a stateless server cannot take a fragmented
///                   ClientHello); bit 2: small MTU (flights fragment); bits 3-5: stage, where
///                   0 runs the handshake to completion first and n stops it after its n-th
///                   datagram.
/// features 1 byte   ``FuzzFeatures``: what else the client asks for (connection IDs,
///                   resumption, record size limits, ECDHE_PSK, ChaCha20).
/// steps    until the end, each an opcode byte (low 3 bits) and its operands:
///   0, 7   datagram to the server       uint16 length, bytes
///   1      datagram to the client       uint16 length, bytes
///   2      record the client sealed     content type, sequence choice, uint16 length, plaintext
///          (epoch 1, skipped while the client has no keys); sequence choice 0xFF is followed
///          by an explicit uint48; any other value c means `next fresh number + c - 64`
///   3      let time pass                one byte b: (b + 1) × 100 ms of virtual time, with
///                                       deliveries and retransmission timers running
///   4      client sends data            one byte: payload length
///   5      server sends data            one byte: payload length
///   6      close                        one byte: even closes the client, odd the server
/// ```
public struct SessionScript: Sendable, Equatable {
    /// Which record sequence number a sealed record gets.
    public enum SequenceChoice: Sendable, Equatable {
        /// The next number never used in epoch 1, plus `offset - 64`: 64 is fresh, less is a
        /// replay or reordering, more skips ahead.
        case relative(UInt8)
        case explicit(UInt64)

        public static let fresh = SequenceChoice.relative(64)
    }

    public enum Step: Sendable, Equatable {
        case datagram(to: SimulatedPair.Side, bytes: [UInt8])
        case sealed(ContentType, sequence: SequenceChoice, plaintext: [UInt8])
        /// Lets `(tenths + 1) × 100 ms` of virtual time pass.
        case elapse(tenths: UInt8)
        case send(from: SimulatedPair.Side, length: UInt8)
        case close(SimulatedPair.Side)
    }

    public var profile: FuzzProfile
    public var features: FuzzFeatures
    public var cookies: Bool
    public var smallMTU: Bool
    /// Whether the server runs the cookie exchange: only with whole ClientHellos.
    public var cookieExchange: Bool { cookies && !smallMTU }
    /// 0: after the handshake; n in 1...7: after the handshake's n-th datagram.
    public var stage: UInt8
    public var steps: [Step]

    public init(profile: FuzzProfile, features: FuzzFeatures = [], cookies: Bool, smallMTU: Bool = false, stage: UInt8 = 0, steps: [Step]) {
        self.profile = profile
        self.features = features
        self.cookies = cookies
        self.smallMTU = smallMTU
        self.stage = stage & 7
        self.steps = steps
    }

    public init(parsing bytes: [UInt8]) {
        var input = FuzzInput(bytes)
        let header = input.byte()
        profile = FuzzProfile(rawValue: header & 1)!
        cookies = header & 2 != 0
        smallMTU = header & 4 != 0
        stage = (header >> 3) & 7
        features = FuzzFeatures(rawValue: input.byte())
        steps = []
        while !input.isEmpty {
            switch input.byte() & 7 {
            case 1:
                steps.append(.datagram(to: .client, bytes: input.lengthPrefixed()))
            case 2:
                let type = ContentType(rawValue: input.byte())
                let choice = input.byte()
                let sequence: SequenceChoice = choice == 0xFF ? .explicit(input.uint48()) : .relative(choice)
                steps.append(.sealed(type, sequence: sequence, plaintext: input.lengthPrefixed()))
            case 3:
                steps.append(.elapse(tenths: input.byte()))
            case 4:
                steps.append(.send(from: .client, length: input.byte()))
            case 5:
                steps.append(.send(from: .server, length: input.byte()))
            case 6:
                steps.append(.close(input.byte() & 1 == 0 ? .client : .server))
            default:
                steps.append(.datagram(to: .server, bytes: input.lengthPrefixed()))
            }
        }
    }

    /// The input that parses back to this script.
    public var encoded: [UInt8] {
        var bytes: [UInt8] = [profile.rawValue | (cookies ? 2 : 0) | (smallMTU ? 4 : 0) | stage << 3, features.rawValue]
        for step in steps {
            switch step {
            case .datagram(let side, let datagram):
                bytes.append(side == .server ? 0 : 1)
                bytes.appendLengthPrefixed(datagram)
            case .sealed(let type, let sequence, let plaintext):
                bytes += [2, type.rawValue]
                switch sequence {
                case .relative(let offset):
                    precondition(offset != 0xFF, "0xFF announces an explicit sequence number")
                    bytes.append(offset)
                case .explicit(let number):
                    bytes.append(0xFF)
                    bytes.appendUInt48(number)
                }
                bytes.appendLengthPrefixed(plaintext)
            case .elapse(let tenths):
                bytes += [3, tenths]
            case .send(let side, let length):
                bytes += [side == .client ? 4 : 5, length]
            case .close(let side):
                bytes += [6, side == .client ? 0 : 1]
            }
        }
        return bytes
    }
}
