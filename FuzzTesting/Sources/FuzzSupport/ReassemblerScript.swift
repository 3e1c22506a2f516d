/// What `FuzzReassembler` feeds a handshake reassembler with one input.
///
/// Layout (every input parses; missing bytes read as zero):
///
/// ```
/// header     1 byte    bit 0: form (0 records, 1 fragments of one body); bits 1-2: limits
/// sequence   uint16    the message_seq expected first
/// records:   until the end: epoch byte, uint16 length, record plaintext (fragments as on the wire)
/// fragments: uint16 body length (at most 4096) and that many body bytes, then until the end:
///            flags byte (bit 0: epoch 1; bits 1-2: message_seq offset; bit 3: wrong message
///            type), uint16 fragment offset, uint16 fragment length (both cut to fit the body)
/// ```
public struct ReassemblerScript: Sendable, Equatable {
    /// Bounds on the reassembler, from generous to tight.
    public enum Limits: UInt8, CaseIterable, Sendable {
        case standard = 0
        case shortMessages = 1
        case smallBudget = 2
        case tight = 3
    }

    /// One handshake record's plaintext and the epoch it arrived in.
    public struct Record: Sendable, Equatable {
        public var epoch: UInt8
        public var plaintext: [UInt8]

        public init(epoch: UInt8, plaintext: [UInt8]) {
            self.epoch = epoch
            self.plaintext = plaintext
        }
    }

    /// A piece of ``Form/fragments(body:pieces:)``'s body.
    public struct Piece: Sendable, Equatable {
        public var flags: UInt8
        public var offset: UInt16
        public var length: UInt16

        public init(flags: UInt8 = 0, offset: UInt16, length: UInt16) {
            self.flags = flags
            self.offset = offset
            self.length = length
        }
    }

    public enum Form: Sendable, Equatable {
        case records([Record])
        /// One body cut into pieces; every message_seq offset gets the same body.
        case fragments(body: [UInt8], pieces: [Piece])
    }

    /// The largest body the fragments form carries.
    public static let maximumBodyLength = 4096

    public var limits: Limits
    public var initialSequence: UInt16
    public var form: Form

    public init(limits: Limits = .standard, initialSequence: UInt16 = 0, form: Form) {
        self.limits = limits
        self.initialSequence = initialSequence
        self.form = form
    }

    public init(parsing bytes: [UInt8]) {
        var input = FuzzInput(bytes)
        let header = input.byte()
        limits = Limits(rawValue: (header >> 1) & 3)!
        initialSequence = input.uint16()
        if header & 1 == 0 {
            var records: [Record] = []
            while !input.isEmpty {
                records.append(Record(epoch: input.byte(), plaintext: input.lengthPrefixed()))
            }
            form = .records(records)
        } else {
            let length = Int(input.uint16()) % (Self.maximumBodyLength + 1)
            var body = input.bytes(upTo: length)
            body += (body.count..<length).map { UInt8(truncatingIfNeeded: $0) }
            var pieces: [Piece] = []
            while !input.isEmpty {
                pieces.append(Piece(flags: input.byte(), offset: input.uint16(), length: input.uint16()))
            }
            form = .fragments(body: body, pieces: pieces)
        }
    }

    /// The input that parses back to this script.
    public var encoded: [UInt8] {
        var bytes: [UInt8] = []
        switch form {
        case .records(let records):
            bytes.append(limits.rawValue << 1)
            bytes.appendUInt16(initialSequence)
            for record in records {
                bytes.append(record.epoch)
                bytes.appendLengthPrefixed(record.plaintext)
            }
        case .fragments(let body, let pieces):
            precondition(body.count <= Self.maximumBodyLength, "body longer than \(Self.maximumBodyLength) bytes")
            bytes.append(1 | limits.rawValue << 1)
            bytes.appendUInt16(initialSequence)
            bytes.appendLengthPrefixed(body)
            for piece in pieces {
                bytes.append(piece.flags)
                bytes.appendUInt16(piece.offset)
                bytes.appendUInt16(piece.length)
            }
        }
        return bytes
    }
}
