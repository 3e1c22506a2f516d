import DTLSCore
import DTLSSimulation
import FuzzSupport
import NIOCore

/// The datagrams of one complete in-memory exchange: handshake, a message each way, close.
struct RecordedHandshake {
    let name: String
    let profile: FuzzProfile
    let features: FuzzFeatures
    let cookies: Bool
    let smallMTU: Bool
    let transmissions: [SimulatedPair.Transmission]

    /// The exchanges seeds are taken from: both profiles, with and without cookies, flights
    /// fragmented by a small MTU (without cookies: a stateless server cannot take a fragmented
    /// ClientHello), and each optional feature at least once.
    static func all() -> [RecordedHandshake] {
        [
            RecordedHandshake(name: "psk-cookies", profile: .psk, cookies: true),
            RecordedHandshake(name: "psk", profile: .psk, cookies: false),
            RecordedHandshake(name: "psk-small-mtu", profile: .psk, cookies: false, smallMTU: true),
            RecordedHandshake(name: "rpk-cookies", profile: .rawPublicKey, cookies: true),
            RecordedHandshake(name: "rpk-small-mtu", profile: .rawPublicKey, cookies: false, smallMTU: true),
            RecordedHandshake(name: "ecdhe-psk-chacha-cid", profile: .psk, features: [.ecdhePSK, .chaCha20, .connectionIDs], cookies: true),
            RecordedHandshake(name: "rpk-mbedtls-cid-rsl", profile: .rawPublicKey, features: [.mbedTLSConnectionIDs, .recordSizeLimit], cookies: false),
            RecordedHandshake(name: "psk-empty-cid-mfl", profile: .psk, features: [.connectionIDs, .mbedTLSConnectionIDs, .maxFragmentLength], cookies: false),
            RecordedHandshake(name: "psk-ticket", profile: .psk, features: [.ticketResumption], cookies: true),
            RecordedHandshake(name: "rpk-session-id", profile: .rawPublicKey, features: [.sessionIDResumption, .connectionIDs], cookies: false),
        ]
    }

    init(name: String, profile: FuzzProfile, features: FuzzFeatures = [], cookies: Bool, smallMTU: Bool = false) {
        self.name = name
        self.profile = profile
        self.features = features
        self.cookies = cookies
        self.smallMTU = smallMTU
        let pair = FuzzPairs.make(
            profile: profile,
            features: features,
            cookies: cookies,
            mtu: smallMTU ? FuzzConfigurations.smallMTU : FuzzConfigurations.defaultMTU
        )
        precondition(pair.runHandshake(), "\(name): the handshake failed")
        precondition(pair.clientSession?.resumed == features.resumes, "\(name): the handshake did not resume as configured")
        try! pair.send(Array("hello server".utf8), from: .client)
        pair.run(until: { pair.serverReceived.count == 1 })
        try! pair.send(Array("hello client".utf8), from: .server)
        pair.run(until: { pair.clientReceived.count == 1 })
        pair.close(.client)
        pair.run(until: { pair.serverClosed != nil })
        guard case .some(.none) = pair.serverClosed else { preconditionFailure("\(name): the close was not orderly") }
        transmissions = pair.transmissions
    }

    /// What `side` sent, during the handshake or after it.
    func datagrams(from side: SimulatedPair.Side, duringHandshake: Bool? = nil) -> [ByteBuffer] {
        transmissions.filter { $0.from == side && (duringHandshake == nil || $0.duringHandshake == duringHandshake) }.map(\.datagram)
    }

    /// Every complete unprotected handshake message `side` sent.
    func messages(from side: SimulatedPair.Side) -> [HandshakeMessageCollector.Message] {
        HandshakeMessageCollector.messages(in: datagrams(from: side))
    }
}
