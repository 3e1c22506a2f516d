import NIOCore

/// Abbreviated handshake, server side (RFC 5246 §7.3, RFC 5077 §3.1):
///
/// ```
/// ClientHello (session ID or ticket)  -------->
///                                               ServerHello
///                                         NewSessionTicket*
///                                        [ChangeCipherSpec]
///                                     <--------   Finished
/// [ChangeCipherSpec]
/// Finished                            -------->
/// ```
enum ServerResumption {
    /// The session a ClientHello asks to resume: from its ticket if tickets are on and it
    /// carries one, otherwise from the cache by session ID. An undecryptable or expired ticket
    /// is simply no candidate (a full handshake follows, RFC 5077 §3.4).
    static func candidate(for hello: ClientHello, configuration: DTLSConfiguration, now: DTLSInstant) -> DTLSResumableSession? {
        if let ring = configuration.sessionTickets,
            let ticket = try? hello.extensions.get(SessionTicketExtension.self)?.ticket, !ticket.isEmpty
        {
            // The client's fresh session ID is echoed to signal resumption (RFC 5077 §3.4).
            return ring.open(ticket).map { $0.with(ticket: ticket, sessionID: hello.sessionID) }
        }
        if let cache = configuration.sessionCache, !hello.sessionID.isEmpty {
            return cache.lookup(hello.sessionID, now: now)
        }
        return nil
    }

    /// The session `hello` will resume: a ``candidate(for:configuration:now:)`` whose suite the
    /// hello offers and the server still accepts, under the same extended master secret setting
    /// (RFC 7627 §5.3). Anything else gets a full handshake.
    static func resumableSession(for hello: ClientHello, configuration: DTLSConfiguration, now: DTLSInstant) -> DTLSResumableSession? {
        guard let session = candidate(for: hello, configuration: configuration, now: now),
            resumableSuite(for: session, hello: hello, extendedMasterSecret: hello.extensions.contains(.extendedMasterSecret), configuration: configuration) != nil
        else { return nil }
        return session
    }

    /// The parameters of `session`'s suite if `hello` may resume it.
    private static func resumableSuite(
        for session: DTLSResumableSession,
        hello: ClientHello,
        extendedMasterSecret: Bool,
        configuration: DTLSConfiguration
    ) -> CipherSuiteParameters? {
        guard session.extendedMasterSecret == extendedMasterSecret, hello.cipherSuites.contains(session.cipherSuite) else { return nil }
        return configuration.usableSuites(for: .server).first { $0.suite == session.cipherSuite }
    }

    /// A NewSessionTicket carrying `session`, or an empty ticket if sealing failed (the client
    /// then simply has nothing to resume with).
    static func ticket(for session: DTLSResumableSession, configuration: DTLSConfiguration) -> NewSessionTicket {
        let ring = configuration.sessionTickets
        let sealed = ring?.seal(session, random: configuration.randomSource) ?? []
        let lifetime = UInt32(clamping: ring?.lifetime.components.seconds ?? 0)
        return NewSessionTicket(lifetimeHint: lifetime, ticket: sealed)
    }

    /// Answers with an abbreviated handshake if `session` may be resumed by this hello, or nil
    /// for a full handshake.
    static func respond(
        to hello: ClientHello,
        message: HandshakeMessage,
        session: DTLSResumableSession,
        extendedMasterSecret: Bool,
        signalsSecureRenegotiation: Bool,
        issuesTicket: Bool,
        connectionIDs: NegotiatedConnectionIDs?,
        configuration: DTLSConfiguration
    ) throws(DTLSError) -> (ServerHelloResponder.Next, [HandshakeAction])? {
        // RFC 7627 §5.3: resume only under the same extended master secret setting; otherwise
        // fall back to a full handshake.
        guard let suite = resumableSuite(for: session, hello: hello, extendedMasterSecret: extendedMasterSecret, configuration: configuration) else {
            return nil
        }

        // A ticket under the current key stays good until the session expires: renewing it
        // would only cost the client a few hundred bytes (RFC 5077 §3.1 makes it optional).
        let issuesTicket = issuesTicket && !(session.ticket.map { configuration.sessionTickets?.isSealedWithCurrentKey($0) ?? false } ?? false)
        var extensions = HelloExtensions()
        if extendedMasterSecret { extensions.set(ExtendedMasterSecretExtension()) }
        if signalsSecureRenegotiation { extensions.set(RenegotiationInfoExtension()) }
        if issuesTicket { extensions.set(SessionTicketExtension()) }
        ConnectionIDAnswer.add(connectionIDs, to: &extensions)
        let limits = try RecordSizeNegotiation.answer(hello.extensions, configuration: configuration, into: &extensions)
        let serverHello = ServerHello(
            random: configuration.randomSource.bytes(ClientHello.randomLength),
            sessionID: session.ticket != nil ? hello.sessionID : session.sessionID,
            cipherSuite: suite.suite,
            extensions: extensions
        )
        var negotiation = ServerNegotiation(
            configuration: configuration,
            clientRandom: hello.random,
            serverRandom: serverHello.random,
            suite: suite,
            extendedMasterSecret: extendedMasterSecret,
            serverName: nil,
            sessionID: serverHello.sessionID,
            serverHelloExtensions: extensions.types,
            clientCertificateType: .x509,
            issuesTicket: issuesTicket,
            connectionIDs: connectionIDs,
            transcript: Transcript(),
            outgoing: OutgoingMessages(nextSequence: message.sequence)
        )
        negotiation.received(message)
        var items: [Flight.Item] = [.handshake(negotiation.send(.serverHello, serverHello))]
        let secrets = SessionSecrets(
            resuming: session.masterSecret,
            clientRandom: hello.random,
            serverRandom: serverHello.random,
            algorithm: suite.protection
        )
        if issuesTicket {
            items.append(.handshake(negotiation.send(.newSessionTicket, ticket(for: session, configuration: configuration))))
        }
        let verifyData = secrets.verifyData(sender: .server, transcriptHash: negotiation.transcript.currentHash)
        items += [.changeCipherSpec(epoch: 0), .handshake(negotiation.send(.finished, Finished(verifyData: verifyData), epoch: 1))]

        let next = ServerAwaitingResumedChangeCipherSpec(negotiation: negotiation, secrets: secrets, session: session)
        return (
            .resumed(next),
            ConnectionIDAnswer.actions(connectionIDs, limits) + [
                .exportKeyLog(clientRandom: hello.random, masterSecret: secrets.masterSecret),
                .installWriteEpoch(secrets.keys.protection(for: .server, algorithm: suite.protection)),
                .send(Flight(items: items, expectsResponse: true)),
            ]
        )
    }
}

/// The server's Finished is out; the client's ChangeCipherSpec switches reading to epoch 1.
struct ServerAwaitingResumedChangeCipherSpec: Sendable {
    let negotiation: ServerNegotiation
    let secrets: SessionSecrets
    let session: DTLSResumableSession

    func receiveChangeCipherSpec() -> (ServerAwaitingResumedFinished, [HandshakeAction]) {
        let protection = secrets.keys.protection(for: .client, algorithm: negotiation.suite.protection)
        return (ServerAwaitingResumedFinished(previous: self), [.installReadEpoch(protection)])
    }
}

/// Reading epoch 1; the client's Finished ends the abbreviated handshake.
struct ServerAwaitingResumedFinished: Sendable {
    let previous: ServerAwaitingResumedChangeCipherSpec

    func receiveFinished(_ message: HandshakeMessage) throws(DTLSError) -> [HandshakeAction] {
        guard message.epoch == 1 else {
            throw DTLSError(.unexpectedMessage, "Finished arrived unprotected in epoch \(message.epoch)")
        }
        let finished = try decode(Finished.self, message)
        let negotiation = previous.negotiation
        let expected = previous.secrets.verifyData(sender: .client, transcriptHash: negotiation.transcript.currentHash)
        guard constantTimeEquals(expected, finished.verifyData) else {
            throw DTLSError(.finishedMismatch, "client Finished does not match the transcript")
        }
        let session = previous.session
        var info = DTLSSessionInfo(
            cipherSuite: negotiation.suite.suite,
            extendedMasterSecret: negotiation.extendedMasterSecret,
            pskIdentity: session.pskIdentity,
            pskIdentityHint: nil,
            serverName: nil,
            sessionID: negotiation.sessionID,
            serverHelloExtensions: negotiation.serverHelloExtensions,
            peerIdentity: session.peerSubjectPublicKeyInfo.map { DTLSPeerIdentity(subjectPublicKeyInfo: $0) },
            clientAuthenticated: session.peerSubjectPublicKeyInfo != nil
        )
        info.connectionID = negotiation.connectionIDs?.receiving
        info.peerConnectionID = negotiation.connectionIDs?.sending
        info.resumed = true
        return [.complete(info)]
    }
}
