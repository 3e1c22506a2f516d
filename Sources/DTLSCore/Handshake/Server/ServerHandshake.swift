import NIOCore

/// The server half of the full handshake: flights 2, 4 and 6 of RFC 6347 §4.2.4.
///
/// The cookie exchange (flight 2) happens before this machine exists (see ``DTLSServer`` and
/// ``HelloVerifier``): a server keeps no state for a client until it proves its address.
struct ServerHandshake: Sendable {
    private enum State: Sendable {
        case awaitingClientCertificate(ServerAwaitingClientCertificate)
        case awaitingCertificateVerdict(ServerAwaitingCertificateVerdict)
        case awaitingClientKeyExchange(ServerAwaitingClientKeyExchange)
        case awaitingCertificateVerify(ServerAwaitingCertificateVerify)
        case awaitingChangeCipherSpec(ServerAwaitingChangeCipherSpec)
        case awaitingFinished(ServerAwaitingFinished)
        case awaitingResumedChangeCipherSpec(ServerAwaitingResumedChangeCipherSpec)
        case awaitingResumedFinished(ServerAwaitingResumedFinished)
        case established
        case modifying
    }

    private var state: State

    /// Answers an accepted ClientHello with flight 4.
    /// - Parameter resumption: the session the hello's ticket or session ID names, if any;
    ///   it is resumed when the hello is compatible with it.
    static func start(
        configuration: DTLSConfiguration,
        clientHello message: HandshakeMessage,
        hello: ClientHello,
        resumption: DTLSResumableSession?
    ) throws(DTLSError) -> (ServerHandshake, [HandshakeAction]) {
        let (next, actions) = try ServerHelloResponder.respond(
            to: hello,
            message: message,
            configuration: configuration,
            resumption: resumption
        )
        let state: State =
            switch next {
            case .clientCertificate(let awaiting): .awaitingClientCertificate(awaiting)
            case .clientKeyExchange(let awaiting): .awaitingClientKeyExchange(awaiting)
            case .resumed(let awaiting): .awaitingResumedChangeCipherSpec(awaiting)
            }
        return (ServerHandshake(state: state), actions)
    }

    private init(state: State) {
        self.state = state
    }

    /// Whether the handshake waits for a certificate verdict before taking more messages.
    var isAwaitingVerification: Bool {
        if case .awaitingCertificateVerdict = state { return true }
        return false
    }

    /// What the server is waiting for, for error messages.
    var awaiting: String {
        switch state {
        case .awaitingClientCertificate: "the client's Certificate"
        case .awaitingCertificateVerdict: "the verdict on the client's certificate"
        case .awaitingClientKeyExchange: "ClientKeyExchange"
        case .awaitingCertificateVerify: "CertificateVerify"
        case .awaitingChangeCipherSpec: "ChangeCipherSpec"
        case .awaitingFinished, .awaitingResumedChangeCipherSpec, .awaitingResumedFinished: "the client's Finished"
        case .established, .modifying: "nothing"
        }
    }

    /// Processes the next handshake message in sequence.
    mutating func receive(_ message: HandshakeMessage) throws(DTLSError) -> [HandshakeAction] {
        let current = state
        state = .modifying
        switch (current, message.type) {
        case (.awaitingClientCertificate(let awaiting), .certificate):
            switch try awaiting.receiveCertificate(message) {
            case .keyExchange(let next):
                state = .awaitingClientKeyExchange(next)
                return []
            case .verification(let next, let request):
                state = .awaitingCertificateVerdict(next)
                return [.requestPeerVerification(request)]
            }
        case (.awaitingClientKeyExchange(let awaiting), .clientKeyExchange):
            switch try awaiting.receiveClientKeyExchange(message) {
            case .certificateVerify(let next):
                state = .awaitingCertificateVerify(next)
                return []
            case .changeCipherSpec(let next, let actions):
                state = .awaitingChangeCipherSpec(next)
                return actions
            }
        case (.awaitingCertificateVerify(let awaiting), .certificateVerify):
            let (next, actions) = try awaiting.receiveCertificateVerify(message)
            state = .awaitingChangeCipherSpec(next)
            return actions
        case (.awaitingFinished(let awaiting), .finished):
            let actions = try awaiting.receiveFinished(message)
            state = .established
            return actions
        case (.awaitingResumedFinished(let awaiting), .finished):
            let actions = try awaiting.receiveFinished(message)
            state = .established
            return actions
        case (.established, .clientHello):
            // A ClientHello on an established connection would be renegotiation (RFC 7925 §17).
            state = .established
            return [.sendWarning(.noRenegotiation)]
        case (.modifying, _):
            throw DTLSError(.internalError, "server handshake re-entered")
        default:
            throw DTLSError(.unexpectedMessage, "received \(message.type) while expecting \(Self(state: current).awaiting)")
        }
    }

    /// Takes the verifier's decision on the client's certificate chain.
    mutating func receive(_ verdict: DTLSPeerVerdict) throws(DTLSError) -> [HandshakeAction] {
        guard case .awaitingCertificateVerdict(let awaiting) = state else {
            throw DTLSError(.internalError, "no certificate verification is pending")
        }
        state = .modifying
        state = .awaitingClientKeyExchange(try awaiting.receive(verdict))
        return []
    }

    /// Processes a ChangeCipherSpec from the client.
    mutating func receiveChangeCipherSpec() -> ChangeCipherSpecOutcome {
        switch state {
        case .awaitingClientCertificate, .awaitingCertificateVerdict, .awaitingClientKeyExchange, .awaitingCertificateVerify:
            return .early
        case .awaitingChangeCipherSpec(let current):
            let (next, actions) = current.receiveChangeCipherSpec()
            state = .awaitingFinished(next)
            return .applied(actions)
        case .awaitingResumedChangeCipherSpec(let current):
            let (next, actions) = current.receiveChangeCipherSpec()
            state = .awaitingResumedFinished(next)
            return .applied(actions)
        default:
            return .ignored
        }
    }
}
