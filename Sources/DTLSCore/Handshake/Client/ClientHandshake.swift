import NIOCore

/// The client half of the full handshake: flights 1, 3 and 5 of RFC 6347 §4.2.4.
///
/// ```
/// ClientHello            -------->                          flight 1
///                        <--------   HelloVerifyRequest     flight 2
/// ClientHello (+cookie)  -------->                          flight 3
///                                    ServerHello            flight 4
///                                    Certificate*
///                                    ServerKeyExchange*
///                                    CertificateRequest*
///                        <--------   ServerHelloDone
/// Certificate*
/// ClientKeyExchange
/// CertificateVerify*
/// [ChangeCipherSpec]
/// Finished               -------->                          flight 5
///                                    [ChangeCipherSpec]
///                        <--------   Finished               flight 6
/// ```
/// Each state is its own type holding only what is known at that point; a transition consumes
/// the state and returns the actions for the connection to carry out.
struct ClientHandshake: Sendable {
    private enum State: Sendable {
        case awaitingServerHello(ClientAwaitingServerHello)
        case awaitingPSKKeyExchange(ClientAwaitingPSKKeyExchange)
        case awaitingECDHEPSKKeyExchange(ClientAwaitingECDHEPSKKeyExchange)
        case awaitingServerCertificate(ClientAwaitingServerCertificate)
        case awaitingCertificateVerdict(ClientAwaitingCertificateVerdict)
        case awaitingECDHEKeyExchange(ClientAwaitingECDHEKeyExchange)
        case awaitingCertificateRequest(ClientAwaitingCertificateRequest)
        case awaitingServerHelloDone(ClientAwaitingServerHelloDone)
        case awaitingChangeCipherSpec(ClientAwaitingChangeCipherSpec)
        case awaitingFinished(ClientAwaitingFinished)
        case awaitingResumedChangeCipherSpec(ClientAwaitingResumedChangeCipherSpec)
        case awaitingResumedFinished(ClientAwaitingResumedFinished)
        case established
        case modifying
    }

    private var state: State

    /// Creates the handshake and its first flight.
    static func start(configuration: DTLSConfiguration) -> (ClientHandshake, [HandshakeAction]) {
        let (initial, flight) = ClientAwaitingServerHello.start(configuration: configuration)
        return (ClientHandshake(state: .awaitingServerHello(initial)), [.send(flight)])
    }

    private init(state: State) {
        self.state = state
    }

    /// Whether the handshake waits for a certificate verdict before taking more messages.
    var isAwaitingVerification: Bool {
        if case .awaitingCertificateVerdict = state { return true }
        return false
    }

    /// What the client is waiting for, for error messages.
    var awaiting: String {
        switch state {
        case .awaitingServerHello: "ServerHello"
        case .awaitingPSKKeyExchange: "ServerKeyExchange or ServerHelloDone"
        case .awaitingECDHEPSKKeyExchange: "ServerKeyExchange"
        case .awaitingServerCertificate: "the server's Certificate"
        case .awaitingCertificateVerdict: "the verdict on the server's certificate"
        case .awaitingECDHEKeyExchange: "ServerKeyExchange"
        case .awaitingCertificateRequest: "CertificateRequest or ServerHelloDone"
        case .awaitingServerHelloDone: "ServerHelloDone"
        case .awaitingChangeCipherSpec, .awaitingFinished: "the server's Finished"
        case .awaitingResumedChangeCipherSpec, .awaitingResumedFinished: "the server's Finished of the resumed session"
        case .established, .modifying: "nothing"
        }
    }

    /// Why the wait may be in vain, for timeout messages.
    var timeoutHint: String {
        switch state {
        case .awaitingChangeCipherSpec, .awaitingFinished: " (a server holding a different key silently drops our Finished)"
        default: ""
        }
    }

    /// Processes the next handshake message in sequence.
    mutating func receive(_ message: HandshakeMessage) throws(DTLSError) -> [HandshakeAction] {
        let current = state
        state = .modifying
        switch (current, message.type) {
        case (.awaitingServerHello(var hello), .helloVerifyRequest):
            let flight = try hello.receiveHelloVerifyRequest(message)
            state = .awaitingServerHello(hello)
            return [.send(flight)]
        case (.awaitingServerHello(let hello), .serverHello):
            switch try hello.receiveServerHello(message) {
            case .psk(let next):
                state = .awaitingPSKKeyExchange(next)
                return next.negotiation.helloActions
            case .ecdhe(let next):
                state = .awaitingServerCertificate(next)
                return next.negotiation.helloActions
            case .ecdhePSK(let next):
                state = .awaitingECDHEPSKKeyExchange(next)
                return next.negotiation.helloActions
            case .resumed(let next):
                state = .awaitingResumedChangeCipherSpec(next)
                return next.negotiation.helloActions
            }

        case (.awaitingPSKKeyExchange(let psk), .serverKeyExchange):
            state = .awaitingServerHelloDone(try psk.receiveServerKeyExchange(message))
            return []
        case (.awaitingPSKKeyExchange(let psk), .serverHelloDone):
            return sendFlightFive(try psk.receiveServerHelloDone(message))

        case (.awaitingECDHEPSKKeyExchange(let awaiting), .serverKeyExchange):
            state = .awaitingServerHelloDone(try awaiting.receiveServerKeyExchange(message))
            return []

        case (.awaitingServerCertificate(let awaiting), .certificate):
            switch try awaiting.receiveCertificate(message) {
            case .keyExchange(let next):
                state = .awaitingECDHEKeyExchange(next)
                return []
            case .verification(let next, let request):
                state = .awaitingCertificateVerdict(next)
                return [.requestPeerVerification(request)]
            }
        case (.awaitingECDHEKeyExchange(let awaiting), .serverKeyExchange):
            state = .awaitingCertificateRequest(try awaiting.receiveServerKeyExchange(message))
            return []
        case (.awaitingCertificateRequest(let awaiting), .certificateRequest):
            state = .awaitingServerHelloDone(try awaiting.receiveCertificateRequest(message))
            return []
        case (.awaitingCertificateRequest(let awaiting), .serverHelloDone):
            return sendFlightFive(try awaiting.receiveServerHelloDone(message))

        case (.awaitingServerHelloDone(let awaiting), .serverHelloDone):
            return sendFlightFive(try awaiting.receiveServerHelloDone(message))

        case (.awaitingChangeCipherSpec(var awaiting), .newSessionTicket):
            try awaiting.receiveNewSessionTicket(message)
            state = .awaitingChangeCipherSpec(awaiting)
            return []
        case (.awaitingResumedChangeCipherSpec(var awaiting), .newSessionTicket):
            try awaiting.receiveNewSessionTicket(message)
            state = .awaitingResumedChangeCipherSpec(awaiting)
            return []
        case (.awaitingResumedFinished(let awaiting), .finished):
            let actions = try awaiting.receiveFinished(message)
            state = .established
            return actions

        case (.awaitingFinished(let awaiting), .finished):
            let actions = try awaiting.receiveFinished(message)
            state = .established
            return actions

        case (.established, .helloRequest):
            _ = try decode(HelloRequest.self, message)
            state = .established
            // RFC 7925 §17: renegotiation is refused, the connection stays up.
            return [.sendWarning(.noRenegotiation)]

        case (.modifying, _):
            throw DTLSError(.internalError, "client handshake re-entered")
        default:
            throw DTLSError(.unexpectedMessage, "received \(message.type) while expecting \(Self(state: current).awaiting)")
        }
    }

    /// Takes the verifier's decision on the server's certificate chain.
    mutating func receive(_ verdict: DTLSPeerVerdict) throws(DTLSError) -> [HandshakeAction] {
        guard case .awaitingCertificateVerdict(let awaiting) = state else {
            throw DTLSError(.internalError, "no certificate verification is pending")
        }
        state = .modifying
        state = .awaitingECDHEKeyExchange(try awaiting.receive(verdict))
        return []
    }

    /// Processes a ChangeCipherSpec from the server.
    mutating func receiveChangeCipherSpec() -> ChangeCipherSpecOutcome {
        switch state {
        case .awaitingChangeCipherSpec(let current):
            // A promised NewSessionTicket comes first (RFC 5077 §3.3); if it was lost, the
            // ChangeCipherSpec waits for the server's retransmission to bring it.
            guard !current.awaitsTicket else { return .early }
            let (next, actions) = current.receiveChangeCipherSpec()
            state = .awaitingFinished(next)
            return .applied(actions)
        case .awaitingResumedChangeCipherSpec(let current):
            guard !current.awaitsTicket else { return .early }
            let (next, actions) = current.receiveChangeCipherSpec()
            state = .awaitingResumedFinished(next)
            return .applied(actions)
        default:
            return .ignored
        }
    }

    private mutating func sendFlightFive(_ transition: (ClientAwaitingChangeCipherSpec, [HandshakeAction])) -> [HandshakeAction] {
        state = .awaitingChangeCipherSpec(transition.0)
        return transition.1
    }
}
