import NIOCore

/// Abbreviated handshake, client side (RFC 5246 §7.3, RFC 6347 §4.2.4):
///
/// ```
/// ClientHello (session ID or ticket)   -------->              flight 1 (3 after a cookie)
///                                                ServerHello
///                                          NewSessionTicket*
///                                         [ChangeCipherSpec]
///                                      <--------   Finished   flight 2 (4)
/// [ChangeCipherSpec]
/// Finished                             -------->              flight 3 (5)
/// ```
/// The ServerHello echoed the offered session ID: keys come from the session's master secret.
struct ClientAwaitingResumedChangeCipherSpec: Sendable {
    private(set) var negotiation: ClientNegotiation
    let session: DTLSResumableSession
    let secrets: SessionSecrets
    private(set) var ticket: [UInt8]?

    /// Checks the ServerHello against the session being resumed.
    static func resume(_ session: DTLSResumableSession, negotiation: ClientNegotiation) throws(DTLSError) -> Self {
        guard negotiation.suite.suite == session.cipherSuite else {
            throw DTLSError(.illegalParameter, "server resumed the session with \(negotiation.suite.suite), not \(session.cipherSuite)")
        }
        // RFC 7627 §5.3: a session resumes only under the extended master secret setting it was made with.
        guard negotiation.extendedMasterSecret == session.extendedMasterSecret else {
            throw DTLSError(.handshakeFailure, "extended master secret differs from the resumed session")
        }
        let secrets = SessionSecrets(
            resuming: session.masterSecret,
            clientRandom: negotiation.clientRandom,
            serverRandom: negotiation.serverRandom,
            algorithm: negotiation.suite.protection
        )
        return Self(negotiation: negotiation, session: session, secrets: secrets, ticket: nil)
    }

    /// Whether the ServerHello promised a NewSessionTicket that has not come yet.
    var awaitsTicket: Bool { negotiation.expectsTicket && ticket == nil }

    mutating func receiveNewSessionTicket(_ message: HandshakeMessage) throws(DTLSError) {
        guard negotiation.expectsTicket, ticket == nil else {
            throw DTLSError(.unexpectedMessage, "NewSessionTicket that the ServerHello did not announce")
        }
        ticket = try decode(NewSessionTicket.self, message).ticket
        negotiation.received(message)
    }

    func receiveChangeCipherSpec() -> (ClientAwaitingResumedFinished, [HandshakeAction]) {
        let protection = secrets.keys.protection(for: .server, algorithm: negotiation.suite.protection)
        return (ClientAwaitingResumedFinished(previous: self), [.installReadEpoch(protection)])
    }
}

/// Reading epoch 1; the server's Finished comes first, then the client's final flight.
struct ClientAwaitingResumedFinished: Sendable {
    let previous: ClientAwaitingResumedChangeCipherSpec

    func receiveFinished(_ message: HandshakeMessage) throws(DTLSError) -> [HandshakeAction] {
        guard message.epoch == 1 else {
            throw DTLSError(.unexpectedMessage, "Finished arrived unprotected in epoch \(message.epoch)")
        }
        let finished = try decode(Finished.self, message)
        var negotiation = previous.negotiation
        let secrets = previous.secrets
        let expected = secrets.verifyData(sender: .server, transcriptHash: negotiation.transcript.currentHash)
        guard constantTimeEquals(expected, finished.verifyData) else {
            throw DTLSError(.finishedMismatch, "server Finished does not match the transcript")
        }
        negotiation.received(message)
        let verifyData = secrets.verifyData(sender: .client, transcriptHash: negotiation.transcript.currentHash)
        let clientFinished = negotiation.send(.finished, Finished(verifyData: verifyData), epoch: 1)
        let session = previous.session
        var info = DTLSSessionInfo(
            cipherSuite: negotiation.suite.suite,
            extendedMasterSecret: negotiation.extendedMasterSecret,
            pskIdentity: session.pskIdentity,
            pskIdentityHint: nil,
            serverName: negotiation.configuration.serverName,
            sessionID: negotiation.sessionID,
            serverHelloExtensions: negotiation.serverHelloExtensions,
            peerIdentity: session.peerSubjectPublicKeyInfo.map { DTLSPeerIdentity(subjectPublicKeyInfo: $0) },
            clientAuthenticated: false
        )
        info.connectionID = negotiation.connectionIDs?.receiving
        info.peerConnectionID = negotiation.connectionIDs?.sending
        info.resumed = true
        info.resumableSession = session.with(ticket: previous.ticket ?? session.ticket, sessionID: session.ticket == nil ? negotiation.sessionID : session.sessionID)
        return [
            .exportKeyLog(clientRandom: negotiation.clientRandom, masterSecret: secrets.masterSecret),
            .installWriteEpoch(secrets.keys.protection(for: .client, algorithm: negotiation.suite.protection)),
            .send(Flight(items: [.changeCipherSpec(epoch: 0), .handshake(clientFinished)], expectsResponse: false)),
            .complete(info),
        ]
    }
}
