import NIOCore

/// PSK: after ServerHello, an optional ServerKeyExchange with an identity hint, then ServerHelloDone.
struct ClientAwaitingPSKKeyExchange: Sendable {
    let negotiation: ClientNegotiation

    func receiveServerKeyExchange(_ message: HandshakeMessage) throws(DTLSError) -> ClientAwaitingServerHelloDone {
        let keyExchange = try decode(PSKServerKeyExchange.self, message)
        var negotiation = negotiation
        negotiation.received(message)
        return ClientAwaitingServerHelloDone(negotiation: negotiation, plan: .psk(identityHint: keyExchange.identityHint), peer: nil)
    }

    func receiveServerHelloDone(_ message: HandshakeMessage) throws(DTLSError) -> (ClientAwaitingChangeCipherSpec, [HandshakeAction]) {
        try ClientAwaitingServerHelloDone(negotiation: negotiation, plan: .psk(identityHint: nil), peer: nil).receiveServerHelloDone(message)
    }
}

/// ECDHE_PSK: after ServerHello, the ServerKeyExchange with the server's point (RFC 5489 §2).
struct ClientAwaitingECDHEPSKKeyExchange: Sendable {
    let negotiation: ClientNegotiation

    func receiveServerKeyExchange(_ message: HandshakeMessage) throws(DTLSError) -> ClientAwaitingServerHelloDone {
        let keyExchange = try decode(ECDHEPSKServerKeyExchange.self, message)
        guard keyExchange.parameters.group == .secp256r1 else {
            throw DTLSError(.illegalParameter, "server chose curve \(keyExchange.parameters.group)")
        }
        let serverKey = try ECDHE.peerKey(point: keyExchange.parameters.publicPoint)
        var negotiation = negotiation
        negotiation.received(message)
        return ClientAwaitingServerHelloDone(
            negotiation: negotiation,
            plan: .ecdhePSK(serverKey: serverKey, identityHint: keyExchange.identityHint),
            peer: nil
        )
    }
}

/// Flight 4 is in but for ServerHelloDone; everything needed for flight 5 is known.
struct ClientAwaitingServerHelloDone: Sendable {
    var negotiation: ClientNegotiation
    let plan: ClientNegotiation.KeyExchangePlan
    let peer: DTLSPeerIdentity?

    /// Flight 4 complete: send flight 5.
    func receiveServerHelloDone(_ message: HandshakeMessage) throws(DTLSError) -> (ClientAwaitingChangeCipherSpec, [HandshakeAction]) {
        _ = try decode(ServerHelloDone.self, message)
        var negotiation = negotiation
        negotiation.received(message)
        return try negotiation.flightFive(plan: plan, peer: peer)
    }
}
