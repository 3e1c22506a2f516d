import Crypto

/// The TLS 1.2 key schedule (RFC 5246 §8.1, §6.3, §7.4.9; RFC 7627 §4).
enum KeySchedule {
    /// Bytes in a master secret.
    static let masterSecretLength = 48
    /// Bytes of `verify_data` in a Finished message.
    static let verifyDataLength = 12

    /// The premaster secret of plain PSK (RFC 4279 §2): `uint16 N ‖ N zero bytes ‖ uint16 N ‖ psk`.
    static func pskPremasterSecret(psk: [UInt8]) -> [UInt8] {
        let length = [UInt8(truncatingIfNeeded: psk.count >> 8), UInt8(truncatingIfNeeded: psk.count)]
        return length + [UInt8](repeating: 0, count: psk.count) + length + psk
    }

    /// The premaster secret of ECDHE_PSK (RFC 5489 §2): `uint16 len(Z) ‖ Z ‖ uint16 len(psk) ‖ psk`,
    /// Z being the ECDH shared secret.
    static func ecdhePSKPremasterSecret(sharedSecret: [UInt8], psk: [UInt8]) -> [UInt8] {
        func length(_ bytes: [UInt8]) -> [UInt8] { [UInt8(truncatingIfNeeded: bytes.count >> 8), UInt8(truncatingIfNeeded: bytes.count)] }
        return length(sharedSecret) + sharedSecret + length(psk) + psk
    }

    /// `PRF(pre_master_secret, "master secret", ClientHello.random + ServerHello.random)[0..47]`.
    static func masterSecret(premasterSecret: [UInt8], clientRandom: [UInt8], serverRandom: [UInt8]) -> [UInt8] {
        PRF.sha256(secret: premasterSecret, label: "master secret", seed: clientRandom + serverRandom, length: masterSecretLength)
    }

    /// `PRF(pre_master_secret, "extended master secret", session_hash)[0..47]` (RFC 7627 §4).
    static func extendedMasterSecret(premasterSecret: [UInt8], sessionHash: [UInt8]) -> [UInt8] {
        PRF.sha256(secret: premasterSecret, label: "extended master secret", seed: sessionHash, length: masterSecretLength)
    }

    /// `PRF(master_secret, finished_label, Hash(handshake_messages))[0..11]`; `masterSecret`
    /// is the PRF keyed with the master secret.
    static func verifyData(masterSecret: PRF, sender: Role, transcriptHash: [UInt8]) -> [UInt8] {
        let label = sender == .client ? "client finished" : "server finished"
        return masterSecret.expand(label: label, seed: transcriptHash, length: verifyDataLength)
    }

    /// Splits `PRF(master_secret, "key expansion", server_random + client_random)` into the
    /// write keys and implicit IVs of both directions (no MAC keys: every suite is AEAD);
    /// `masterSecret` is the PRF keyed with the master secret.
    static func trafficKeys(
        masterSecret: PRF,
        clientRandom: [UInt8],
        serverRandom: [UInt8],
        algorithm: RecordProtectionAlgorithm
    ) -> TrafficKeys {
        let keyLength = algorithm.keyLength
        let ivLength = algorithm.fixedIVLength
        let block = masterSecret.expand(
            label: "key expansion",
            seed: serverRandom + clientRandom,
            length: 2 * keyLength + 2 * ivLength
        )
        var offset = 0
        func take(_ count: Int) -> [UInt8] {
            defer { offset += count }
            return Array(block[offset..<(offset + count)])
        }
        return TrafficKeys(
            clientWriteKey: take(keyLength),
            serverWriteKey: take(keyLength),
            clientWriteIV: take(ivLength),
            serverWriteIV: take(ivLength)
        )
    }
}

/// The key material of one connection state, both directions.
struct TrafficKeys: Sendable {
    var clientWriteKey: [UInt8]
    var serverWriteKey: [UInt8]
    var clientWriteIV: [UInt8]
    var serverWriteIV: [UInt8]

    /// The protection for records that `sender` writes.
    func protection(for sender: Role, algorithm: RecordProtectionAlgorithm) -> any RecordProtection {
        switch sender {
        case .client: algorithm.makeProtection(key: clientWriteKey, fixedIV: clientWriteIV)
        case .server: algorithm.makeProtection(key: serverWriteKey, fixedIV: serverWriteIV)
        }
    }
}
