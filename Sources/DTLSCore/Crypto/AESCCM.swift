import Crypto
import CryptoExtras

/// AES in CCM mode (RFC 3610, NIST SP 800-38C), composed from swift-crypto's AES primitives.
///
/// Supports every nonce length (7...13 bytes) and tag length (4...16, even) the standard allows,
/// so published vectors can be checked; DTLS 1.2 uses a 12-byte nonce and an 8- or 16-byte tag.
/// Encryption and decryption work in place.
///
/// swift-crypto has no CCM, and its public AES entry points expand the key on every call. Two
/// compositions are used, chosen by message length (see ``Strategy``):
/// - ``Strategy/blockByBlock``: CBC-MAC and counter mode over the single-block permutation
///   (`AES.permute`). Allocates nothing; each block costs a key expansion.
/// - ``Strategy/bulk``: the CBC-MAC is computed as an AES-CMAC whose final block is pre-masked
///   with the CMAC subkey K1 (so CMAC's own masking cancels), and the keystream comes from
///   `AES._CTR` in one call. A few small allocations per call, several times faster per byte.
struct AESCCM: Sendable {
    /// How the CBC-MAC and the keystream are computed; both give identical output.
    enum Strategy: Sendable {
        case blockByBlock
        case bulk
    }

    /// Messages up to this length use ``Strategy/blockByBlock`` (allocation-free); longer ones
    /// ``Strategy/bulk``. Measured crossover on x86-64 with AES-NI: about 80 bytes.
    static let blockByBlockLimit = 96

    let tagLength: Int
    let nonceLength: Int
    private let key: SymmetricKey
    /// A keyed CMAC whose copies start each bulk CBC-MAC.
    private let cmacTemplate: AES.CMAC
    /// The CMAC subkey K1 (NIST SP 800-38B §6.1).
    private let cmacSubkey: Block

    init(key: SymmetricKey, nonceLength: Int, tagLength: Int) {
        precondition((7...13).contains(nonceLength), "CCM nonce must be 7 to 13 bytes")
        precondition((4...16).contains(tagLength) && tagLength % 2 == 0, "CCM tag must be 4 to 16 even bytes")
        precondition([128, 192, 256].contains(key.bitCount), "AES key must be 16, 24 or 32 bytes")
        self.key = key
        self.nonceLength = nonceLength
        self.tagLength = tagLength
        // Cannot fail: the key size was checked above. Only the tag's bytes of the CBC-MAC are
        // needed, and a MAC of at most 14 bytes is returned without a heap allocation.
        self.cmacTemplate = try! AES.CMAC(key: key, outputSize: tagLength)
        var zero = Block()
        Self.encrypt(&zero, key: key)
        self.cmacSubkey = zero.doubled()
    }

    /// Encrypts `message` in place and writes the tag into `tag`.
    func seal(
        nonce: UnsafeRawBufferPointer,
        additionalData: UnsafeRawBufferPointer,
        message: UnsafeMutableRawBufferPointer,
        tag: UnsafeMutableRawBufferPointer,
        strategy: Strategy? = nil
    ) {
        precondition(nonce.count == nonceLength && tag.count == tagLength)
        let strategy = strategy ?? Self.strategy(forLength: message.count)
        var mac = authenticate(nonce: nonce, additionalData: additionalData, message: .init(message), strategy: strategy)
        applyKeystream(nonce: nonce, to: message, tag: &mac, strategy: strategy)
        for index in 0..<tagLength { tag[index] = mac[index] }
    }

    /// Decrypts `message` in place and checks `tag` in constant time.
    ///
    /// On failure the message bytes are garbage and must not be used.
    func open(
        nonce: UnsafeRawBufferPointer,
        additionalData: UnsafeRawBufferPointer,
        message: UnsafeMutableRawBufferPointer,
        tag: UnsafeRawBufferPointer,
        strategy: Strategy? = nil
    ) -> Bool {
        guard nonce.count == nonceLength, tag.count == tagLength else { return false }
        let strategy = strategy ?? Self.strategy(forLength: message.count)
        var keystreamTag = Block()
        applyKeystream(nonce: nonce, to: message, tag: &keystreamTag, strategy: strategy)
        let mac = authenticate(nonce: nonce, additionalData: additionalData, message: .init(message), strategy: strategy)
        var difference: UInt8 = 0
        for index in 0..<tagLength {
            difference |= mac[index] ^ keystreamTag[index] ^ tag[index]
        }
        return difference == 0
    }

    static func strategy(forLength length: Int) -> Strategy {
        length <= blockByBlockLimit ? .blockByBlock : .bulk
    }

    // MARK: CBC-MAC

    /// CBC-MAC over B0, the encoded additional data and the zero-padded message (RFC 3610 §2.2).
    /// Only the first ``tagLength`` bytes of the result are meaningful.
    private func authenticate(
        nonce: UnsafeRawBufferPointer,
        additionalData: UnsafeRawBufferPointer,
        message: UnsafeRawBufferPointer,
        strategy: Strategy
    ) -> Block {
        var chain = CBCMACChain(strategy: strategy, key: key, cmac: cmacTemplate, subkey: cmacSubkey)
        let lengthFieldSize = 15 - nonceLength
        var first = Block()
        first[0] = UInt8((additionalData.isEmpty ? 0 : 0x40) | ((tagLength - 2) / 2) << 3 | (lengthFieldSize - 1))
        for index in 0..<nonceLength { first[1 + index] = nonce[index] }
        first.writeBigEndian(message.count, lastBytes: lengthFieldSize)
        chain.absorb(first)

        if !additionalData.isEmpty {
            // Additional data shorter than 2^16 - 2^8 bytes is prefixed by its 2-byte length.
            precondition(additionalData.count < 0xFF00, "CCM additional data too long")
            var block = Block()
            block[0] = UInt8(truncatingIfNeeded: additionalData.count >> 8)
            block[1] = UInt8(truncatingIfNeeded: additionalData.count)
            var position = 2
            for byte in additionalData {
                if position == Block.size {
                    chain.absorb(block)
                    block = Block()
                    position = 0
                }
                block[position] = byte
                position += 1
            }
            chain.absorb(block)
        }

        // Whole blocks go in directly; the last, partial or whole, is copied and zero-padded.
        let wholeBlocks = message.isEmpty ? 0 : (message.count - 1) / Block.size
        chain.absorb(blocks: UnsafeRawBufferPointer(rebasing: message[0..<(wholeBlocks * Block.size)]))
        if !message.isEmpty {
            var last = Block()
            for index in (wholeBlocks * Block.size)..<message.count {
                last[index - wholeBlocks * Block.size] = message[index]
            }
            chain.absorb(last)
        }
        return chain.finish()
    }

    // MARK: Counter mode

    /// XORs the keystream into `message` (counters 1...) and into `tag` (counter 0).
    private func applyKeystream(
        nonce: UnsafeRawBufferPointer,
        to message: UnsafeMutableRawBufferPointer,
        tag: inout Block,
        strategy: Strategy
    ) {
        let lengthFieldSize = 15 - nonceLength
        var counter = Block()
        counter[0] = UInt8(lengthFieldSize - 1)
        for index in 0..<nonceLength { counter[1 + index] = nonce[index] }

        var keystream = counter
        Self.encrypt(&keystream, key: key)
        tag.xor(keystream)
        guard !message.isEmpty else { return }

        counter.writeBigEndian(1, lastBytes: lengthFieldSize)
        switch strategy {
        case .bulk:
            let nonce = counter.withUnsafeBytes { bytes in
                // Cannot fail: the counter block is 16 bytes.
                try! AES._CTR.Nonce(nonceBytes: bytes)
            }
            // Cannot fail: the key size was checked at init.
            let output = try! AES._CTR.encrypt(UnsafeRawBufferPointer(message), using: key, nonce: nonce)
            output.withUnsafeBytes { message.copyMemory(from: $0) }
        case .blockByBlock:
            var blockNumber = 1
            var offset = 0
            while offset < message.count {
                counter.writeBigEndian(blockNumber, lastBytes: lengthFieldSize)
                keystream = counter
                Self.encrypt(&keystream, key: key)
                let chunk = min(Block.size, message.count - offset)
                for index in 0..<chunk { message[offset + index] ^= keystream[index] }
                offset += chunk
                blockNumber += 1
            }
        }
    }

    fileprivate static func encrypt(_ block: inout Block, key: SymmetricKey) {
        block.withUnsafeMutableBytes { bytes in
            var bytes = bytes
            // Cannot fail: the block is 16 bytes and the key size was checked at init.
            try! AES.permute(&bytes, key: key)
        }
    }
}

/// The running CBC-MAC state of one CCM computation.
private struct CBCMACChain {
    private let strategy: AESCCM.Strategy
    private let key: SymmetricKey
    private let subkey: Block
    private var cmac: AES.CMAC
    /// Block-by-block: the chaining value. Bulk: the block held back so K1 can be folded into the last one.
    private var state = Block()
    private var hasPending = false

    init(strategy: AESCCM.Strategy, key: SymmetricKey, cmac: AES.CMAC, subkey: Block) {
        self.strategy = strategy
        self.key = key
        self.cmac = cmac
        self.subkey = subkey
    }

    mutating func absorb(_ block: Block) {
        switch strategy {
        case .blockByBlock:
            state.xor(block)
            AESCCM.encrypt(&state, key: key)
        case .bulk:
            flushPending()
            state = block
            hasPending = true
        }
    }

    /// Absorbs a run of whole blocks.
    mutating func absorb(blocks: UnsafeRawBufferPointer) {
        guard !blocks.isEmpty else { return }
        switch strategy {
        case .blockByBlock:
            var offset = 0
            while offset < blocks.count {
                var block = Block()
                for index in 0..<Block.size { block[index] = blocks[offset + index] }
                absorb(block)
                offset += Block.size
            }
        case .bulk:
            flushPending()
            let last = blocks.count - Block.size
            cmac.update(bufferPointer: UnsafeRawBufferPointer(rebasing: blocks[0..<last]))
            var block = Block()
            for index in 0..<Block.size { block[index] = blocks[last + index] }
            state = block
            hasPending = true
        }
    }

    consuming func finish() -> Block {
        switch strategy {
        case .blockByBlock:
            return state
        case .bulk:
            // CMAC masks its final whole block with K1; pre-masking cancels that, leaving CBC-MAC.
            state.xor(subkey)
            state.withUnsafeBytes { cmac.update(bufferPointer: $0) }
            let mac = cmac.finalize()
            var result = Block()
            mac.withUnsafeBytes { bytes in
                for index in 0..<bytes.count { result[index] = bytes[index] }
            }
            return result
        }
    }

    private mutating func flushPending() {
        guard hasPending else { return }
        state.withUnsafeBytes { cmac.update(bufferPointer: $0) }
        hasPending = false
    }
}

/// One 16-byte AES block kept on the stack.
struct Block: Sendable {
    static let size = 16
    private var storage: (UInt64, UInt64) = (0, 0)

    subscript(index: Int) -> UInt8 {
        get { Swift.withUnsafeBytes(of: storage) { $0[index] } }
        set { Swift.withUnsafeMutableBytes(of: &storage) { $0[index] = newValue } }
    }

    mutating func xor(_ other: Block) {
        storage.0 ^= other.storage.0
        storage.1 ^= other.storage.1
    }

    /// Writes `value` big-endian into the last `lastBytes` bytes.
    mutating func writeBigEndian(_ value: Int, lastBytes: Int) {
        var value = value
        for index in stride(from: 15, to: 15 - lastBytes, by: -1) {
            self[index] = UInt8(truncatingIfNeeded: value)
            value >>= 8
        }
    }

    /// Multiplication by x in GF(2^128) as CMAC defines it (NIST SP 800-38B §6.1).
    func doubled() -> Block {
        var result = Block()
        var carry: UInt8 = 0
        for index in stride(from: 15, through: 0, by: -1) {
            let byte = self[index]
            result[index] = byte << 1 | carry
            carry = byte >> 7
        }
        if carry == 1 { result[15] ^= 0x87 }
        return result
    }

    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try Swift.withUnsafeBytes(of: storage, body)
    }

    mutating func withUnsafeMutableBytes<R>(_ body: (UnsafeMutableRawBufferPointer) throws -> R) rethrows -> R {
        try Swift.withUnsafeMutableBytes(of: &storage, body)
    }
}
