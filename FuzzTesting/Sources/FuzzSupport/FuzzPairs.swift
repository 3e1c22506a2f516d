import DTLSCore
import DTLSSimulation

/// In-memory client/server pairs set up the same way by the targets and by the corpus
/// generator, so that recorded PSK datagrams authenticate at a fuzzed server.
public enum FuzzPairs {
    /// A pair about to run a handshake: for resumption features, after a first full
    /// handshake with the same server configuration (so the same session cache and ticket
    /// key), whose session the client then offers. `keyLog` sees only the second handshake.
    public static func make(
        profile: FuzzProfile,
        features: FuzzFeatures,
        cookies: Bool,
        mtu: Int,
        keyLog: KeyLogRecorder? = nil
    ) -> SimulatedPair {
        let server = FuzzConfigurations.server(
            cookies: cookies ? .enabled : .disabled,
            mtu: mtu,
            connectionIDCodePoint: features.connectionIDCodePoint ?? .rfc9146
        )
        var client = FuzzConfigurations.client(profile, features: features, mtu: mtu, keyLog: keyLog?.record)
        if features.resumes {
            let first = try! SimulatedPair(client: client, server: server)
            invariant(first.runHandshake(), "the first handshake, to be resumed, failed")
            client.sessionToResume = first.clientSession?.resumableSession
            invariant(client.sessionToResume != nil, "the first handshake left nothing to resume")
            keyLog?.reset()
        }
        return try! SimulatedPair(client: client, server: server)
    }
}
