/// The master secret and traffic keys of one handshake.
struct SessionSecrets: Sendable {
    let masterSecret: [UInt8]
    let keys: TrafficKeys

    /// Keys for a resumed session: its master secret with this handshake's randoms (RFC 5246 §7.3).
    init(resuming masterSecret: [UInt8], clientRandom: [UInt8], serverRandom: [UInt8], algorithm: RecordProtectionAlgorithm) {
        self.masterSecret = masterSecret
        keys = KeySchedule.trafficKeys(masterSecret: masterSecret, clientRandom: clientRandom, serverRandom: serverRandom, algorithm: algorithm)
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
        keys = KeySchedule.trafficKeys(
            masterSecret: masterSecret,
            clientRandom: clientRandom,
            serverRandom: serverRandom,
            algorithm: algorithm
        )
    }
}
