// TLS 1.2 key schedule values (RFC 5246 §8.1, §6.3, §7.4.9; RFC 4279 §2; RFC 7627 §4) computed
// by the independent PRF implementation below (Python 3 standard library only).
//
// Regenerate from the package root with
//     sed -n 's|^// py: \{0,1\}||p' Tests/DTLSCoreTests/Vectors/KeyScheduleVectors.swift | python3
// and paste the output into the expected values.
//
// py: import hashlib, hmac
// py:
// py: def prf(secret, label, seed, length):
// py:     seed = label + seed
// py:     a, out = seed, b""
// py:     while len(out) < length:
// py:         a = hmac.new(secret, a, hashlib.sha256).digest()
// py:         out += hmac.new(secret, a + seed, hashlib.sha256).digest()
// py:     return out[:length]
// py:
// py: psk = bytes(range(0x00, 0x10))
// py: premaster = len(psk).to_bytes(2, "big") + bytes(len(psk)) + len(psk).to_bytes(2, "big") + psk
// py: client_random = bytes(range(0x00, 0x20))
// py: server_random = bytes(range(0x20, 0x40))
// py: session_hash = bytes(range(0x80, 0xA0))
// py: transcript_hash = bytes(range(0xA0, 0xC0))
// py: master = prf(premaster, b"master secret", client_random + server_random, 48)
// py: extended = prf(premaster, b"extended master secret", session_hash, 48)
// py: block = prf(master, b"key expansion", server_random + client_random, 40)
// py: values = {
// py:     "premasterSecret": premaster,
// py:     "masterSecret": master,
// py:     "extendedMasterSecret": extended,
// py:     "clientWriteKey": block[0:16],
// py:     "serverWriteKey": block[16:32],
// py:     "clientWriteIV": block[32:36],
// py:     "serverWriteIV": block[36:40],
// py:     "clientVerifyData": prf(master, b"client finished", transcript_hash, 12),
// py:     "serverVerifyData": prf(master, b"server finished", transcript_hash, 12),
// py: }
// py: for name, value in values.items():
// py:     print(f'    static let {name} = [UInt8](hex: "{value.hex()}")')
enum KeyScheduleVectors {
    // Inputs.
    static let psk = (0x00..<0x10).map { UInt8($0) }
    static let clientRandom = (0x00..<0x20).map { UInt8($0) }
    static let serverRandom = (0x20..<0x40).map { UInt8($0) }
    static let sessionHash = (0x80..<0xA0).map { UInt8($0) }
    static let transcriptHash = (0xA0..<0xC0).map { UInt8($0) }

    // Expected values.
    static let premasterSecret = [UInt8](hex: "0010000000000000000000000000000000000010000102030405060708090a0b0c0d0e0f")
    static let masterSecret = [UInt8](hex: "deb5ea0aabb5a89d2dbe02561ada3ced3ff6626813425bddaed85718423f4edd0b9ea64c8942ddd47e38d4f3c4ca710c")
    static let extendedMasterSecret = [UInt8](hex: "f7e758924fe66cb9608c049f18a1ba18aae8b21a5773c067621299d176770f51cd02005d68ff739ad815b47daad34372")
    static let clientWriteKey = [UInt8](hex: "565d09eb8509c48e14775b9a26c2b947")
    static let serverWriteKey = [UInt8](hex: "33f5e05b5838c0eae8f19fd69fe61bb9")
    static let clientWriteIV = [UInt8](hex: "2a55285b")
    static let serverWriteIV = [UInt8](hex: "889028de")
    static let clientVerifyData = [UInt8](hex: "f472670d0f53eb8f89978685")
    static let serverVerifyData = [UInt8](hex: "39acbb67818b0c23515c9ec2")
}
