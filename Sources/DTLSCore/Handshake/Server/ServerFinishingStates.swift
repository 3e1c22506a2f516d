import NIOCore

/// Keys are derived; the client's ChangeCipherSpec switches reading to epoch 1.
struct ServerAwaitingChangeCipherSpec: Sendable {
    let negotiation: ServerNegotiation
    let secrets: SessionSecrets
    let pskIdentity: [UInt8]?
    let peer: DTLSPeerIdentity?

    func receiveChangeCipherSpec() -> (ServerAwaitingFinished, [HandshakeAction]) {
        let protection = secrets.keys.protection(for: .client, algorithm: negotiation.suite.protection)
        return (ServerAwaitingFinished(previous: self), [.installReadEpoch(protection)])
    }
}

/// Reading epoch 1; the client's Finished is checked, then flight 6 ends the handshake.
struct ServerAwaitingFinished: Sendable {
    let previous: ServerAwaitingChangeCipherSpec

    func receiveFinished(_ message: HandshakeMessage) throws(DTLSError) -> [HandshakeAction] {
        guard message.epoch == 1 else {
            throw DTLSError(.unexpectedMessage, "Finished arrived unprotected in epoch \(message.epoch)")
        }
        let finished = try decode(Finished.self, message)
        var negotiation = previous.negotiation
        let secrets = previous.secrets
        let expected = secrets.verifyData(sender: .client, transcriptHash: negotiation.transcript.currentHash)
        guard constantTimeEquals(expected, finished.verifyData) else {
            throw DTLSError(.finishedMismatch, "client Finished does not match the transcript")
        }
        negotiation.received(message)
        let session = negotiation.session(masterSecret: secrets.masterSecret, pskIdentity: previous.pskIdentity, peer: previous.peer)
        var items: [Flight.Item] = []
        if negotiation.issuesTicket {
            // RFC 5077 §3.3: the NewSessionTicket precedes ChangeCipherSpec and enters the transcript.
            let ticket = ServerResumption.ticket(for: session, configuration: negotiation.configuration)
            items.append(.handshake(negotiation.send(.newSessionTicket, ticket)))
        }
        let verifyData = secrets.verifyData(sender: .server, transcriptHash: negotiation.transcript.currentHash)
        let serverFinished = negotiation.send(.finished, Finished(verifyData: verifyData), epoch: 1)
        items += [.changeCipherSpec(epoch: 0), .handshake(serverFinished)]
        var info = DTLSSessionInfo(
            cipherSuite: negotiation.suite.suite,
            extendedMasterSecret: negotiation.extendedMasterSecret,
            pskIdentity: previous.pskIdentity,
            pskIdentityHint: negotiation.suite.keyExchange == .psk ? negotiation.configuration.pskIdentityHint : nil,
            serverName: negotiation.serverName,
            sessionID: negotiation.sessionID,
            serverHelloExtensions: negotiation.serverHelloExtensions,
            peerIdentity: previous.peer,
            clientAuthenticated: previous.peer != nil
        )
        info.connectionID = negotiation.connectionIDs?.receiving
        info.peerConnectionID = negotiation.connectionIDs?.sending
        var actions: [HandshakeAction] = [
            .installWriteEpoch(secrets.keys.protection(for: .server, algorithm: negotiation.suite.protection)),
            .send(Flight(items: items, expectsResponse: false)),
        ]
        if negotiation.configuration.sessionCache != nil { actions.append(.cacheSession(session)) }
        actions.append(.complete(info))
        return actions
    }
}
