/// The master secret and traffic keys of one handshake.
struct SessionSecrets: Sendable {
    let masterSecret: [UInt8]
    let keys: TrafficKeys
    /// The PRF keyed with ``masterSecret``, kept for the Finished messages.
    private let masterSecretPRF: PRF

    /// Keys for a resumed session: its master secret with this handshake's randoms (RFC 5246 §7.3).
    init(resuming masterSecret: [UInt8], clientRandom: [UInt8], serverRandom: [UInt8], algorithm: RecordProtectionAlgorithm) {
        self.masterSecret = masterSecret
        masterSecretPRF = PRF(secret: masterSecret)
        keys = KeySchedule.trafficKeys(masterSecret: masterSecretPRF, clientRandom: clientRandom, serverRandom: serverRandom, algorithm: algorithm)
    }

    /// Derives the master secret (RFC 7627 when `extendedMasterSecret`) and the key block.
    ///
    /// `sessionHash` is the transcript hash up to and including ClientKeyExchange.
    init(
        premasterSecret: [UInt8],
        clientRandom: [UInt8],
        serverRandom: [UInt8],
        extendedMasterSecret: Bool,
        sessionHash: [UInt8],
        algorithm: RecordProtectionAlgorithm
    ) {
        masterSecret =
            extendedMasterSecret
            ? KeySchedule.extendedMasterSecret(premasterSecret: premasterSecret, sessionHash: sessionHash)
            : KeySchedule.masterSecret(premasterSecret: premasterSecret, clientRandom: clientRandom, serverRandom: serverRandom)
        masterSecretPRF = PRF(secret: masterSecret)
        keys = KeySchedule.trafficKeys(
            masterSecret: masterSecretPRF,
            clientRandom: clientRandom,
            serverRandom: serverRandom,
            algorithm: algorithm
        )
    }

    /// The `verify_data` of the Finished message that `sender` sends after `transcriptHash`.
    func verifyData(sender: Role, transcriptHash: [UInt8]) -> [UInt8] {
        KeySchedule.verifyData(masterSecret: masterSecretPRF, sender: sender, transcriptHash: transcriptHash)
    }
}
