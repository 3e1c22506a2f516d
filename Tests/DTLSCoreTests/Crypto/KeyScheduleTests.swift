import Testing

@testable import DTLSCore

@Suite("TLS 1.2 key schedule")
struct KeyScheduleTests {
    typealias Vectors = KeyScheduleVectors
    static let aes128CCM8 = RecordProtectionAlgorithm.aesCCM(keyLength: 16, tagLength: 8)

    @Test("the PSK premaster secret is uint16 N, N zero bytes, uint16 N, the key (RFC 4279 §2)")
    func pskPremasterLayout() {
        #expect(KeySchedule.pskPremasterSecret(psk: [0x01, 0x02, 0x03]) == [0x00, 0x03, 0x00, 0x00, 0x00, 0x00, 0x03, 0x01, 0x02, 0x03])
        #expect(KeySchedule.pskPremasterSecret(psk: Vectors.psk) == Vectors.premasterSecret)
    }

    @Test("the PSK premaster length fields are big-endian 16-bit values")
    func pskPremasterLongKey() {
        let psk = [UInt8](repeating: 0x5A, count: 300)
        let premaster = KeySchedule.pskPremasterSecret(psk: psk)
        #expect(premaster.count == 2 + 300 + 2 + 300)
        #expect(premaster[0..<2] == [0x01, 0x2C])
        #expect(premaster[2..<302].allSatisfy { $0 == 0 })
        #expect(premaster[302..<304] == [0x01, 0x2C])
        #expect(Array(premaster[304...]) == psk)
    }

    @Test("master secret: PRF(premaster, \"master secret\", client_random + server_random)")
    func masterSecret() {
        let master = KeySchedule.masterSecret(
            premasterSecret: Vectors.premasterSecret,
            clientRandom: Vectors.clientRandom,
            serverRandom: Vectors.serverRandom
        )
        #expect(master == Vectors.masterSecret)
    }

    @Test("extended master secret: PRF(premaster, \"extended master secret\", session_hash) (RFC 7627 §4)")
    func extendedMasterSecret() {
        let master = KeySchedule.extendedMasterSecret(premasterSecret: Vectors.premasterSecret, sessionHash: Vectors.sessionHash)
        #expect(master == Vectors.extendedMasterSecret)
    }

    @Test("the AES-128-CCM-8 key block splits into 16 + 16 + 4 + 4 bytes, server_random first in the seed")
    func keyBlock() {
        let keys = KeySchedule.trafficKeys(
            masterSecret: PRF(secret: Vectors.masterSecret),
            clientRandom: Vectors.clientRandom,
            serverRandom: Vectors.serverRandom,
            algorithm: Self.aes128CCM8
        )
        #expect(keys.clientWriteKey == Vectors.clientWriteKey)
        #expect(keys.serverWriteKey == Vectors.serverWriteKey)
        #expect(keys.clientWriteIV == Vectors.clientWriteIV)
        #expect(keys.serverWriteIV == Vectors.serverWriteIV)
    }

    @Test("Finished verify_data is 12 bytes of PRF(master, \"client/server finished\", transcript hash)")
    func verifyData() {
        let client = KeySchedule.verifyData(masterSecret: PRF(secret: Vectors.masterSecret), sender: .client, transcriptHash: Vectors.transcriptHash)
        let server = KeySchedule.verifyData(masterSecret: PRF(secret: Vectors.masterSecret), sender: .server, transcriptHash: Vectors.transcriptHash)
        #expect(client == Vectors.clientVerifyData)
        #expect(server == Vectors.serverVerifyData)

        // The keyed master secret that a session keeps gives the same answers.
        let secrets = SessionSecrets(
            resuming: Vectors.masterSecret,
            clientRandom: Vectors.clientRandom,
            serverRandom: Vectors.serverRandom,
            algorithm: Self.aes128CCM8
        )
        #expect(secrets.verifyData(sender: .client, transcriptHash: Vectors.transcriptHash) == Vectors.clientVerifyData)
        #expect(secrets.verifyData(sender: .server, transcriptHash: Vectors.transcriptHash) == Vectors.serverVerifyData)
    }

    @Test("SessionSecrets uses the extended master secret only when it was negotiated", arguments: [false, true])
    func sessionSecrets(extended: Bool) {
        let secrets = SessionSecrets(
            premasterSecret: Vectors.premasterSecret,
            clientRandom: Vectors.clientRandom,
            serverRandom: Vectors.serverRandom,
            extendedMasterSecret: extended,
            sessionHash: Vectors.sessionHash,
            algorithm: Self.aes128CCM8
        )
        #expect(secrets.masterSecret == (extended ? Vectors.extendedMasterSecret : Vectors.masterSecret))
        let expectedKeys = KeySchedule.trafficKeys(
            masterSecret: PRF(secret: secrets.masterSecret),
            clientRandom: Vectors.clientRandom,
            serverRandom: Vectors.serverRandom,
            algorithm: Self.aes128CCM8
        )
        #expect(secrets.keys.clientWriteKey == expectedKeys.clientWriteKey)
        #expect(secrets.keys.serverWriteIV == expectedKeys.serverWriteIV)
        if !extended {
            #expect(secrets.keys.clientWriteKey == Vectors.clientWriteKey)
        }
    }
}

@Suite("ECDHE_PSK premaster secret")
struct ECDHEPSKPremasterTests {
    @Test("uint16 length of Z, Z, uint16 length of the PSK, the PSK (RFC 5489 §2)")
    func layout() {
        let premaster = KeySchedule.ecdhePSKPremasterSecret(sharedSecret: [0xAA, 0xBB, 0xCC], psk: [1, 2])
        #expect(premaster == [0x00, 0x03, 0xAA, 0xBB, 0xCC, 0x00, 0x02, 0x01, 0x02])
    }
}
