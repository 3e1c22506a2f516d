import NIOCore

/// The server half of the full handshake: flights 2, 4 and 6 of RFC 6347 §4.2.4.
///
/// The cookie exchange (flight 2) happens before this machine exists (see ``DTLSServer`` and
/// ``HelloVerifier``): a server keeps no state for a client until it proves its address.
struct ServerHandshake: Sendable {
    private enum State: Sendable {
        case awaitingClientKeyExchange(ServerAwaitingClientKeyExchange)
        case awaitingChangeCipherSpec(ServerAwaitingChangeCipherSpec)
        case awaitingFinished(ServerAwaitingFinished)
        case established
        case modifying
    }

    private var state: State

    /// Answers an accepted ClientHello with flight 4.
    static func start(
        configuration: DTLSConfiguration,
        clientHello message: HandshakeMessage,
        hello: ClientHello
    ) throws(DTLSError) -> (ServerHandshake, [HandshakeAction]) {
        let (next, flight) = try ServerAwaitingClientKeyExchange.respond(
            to: hello,
            message: message,
            configuration: configuration
        )
        return (ServerHandshake(state: .awaitingClientKeyExchange(next)), [.send(flight)])
    }

    private init(state: State) {
        self.state = state
    }

    var isEstablished: Bool {
        if case .established = state { return true }
        return false
    }

    /// What the server is waiting for, for error messages.
    var awaiting: String {
        switch state {
        case .awaitingClientKeyExchange: "ClientKeyExchange"
        case .awaitingChangeCipherSpec: "ChangeCipherSpec"
        case .awaitingFinished: "the client's Finished"
        case .established, .modifying: "nothing"
        }
    }

    /// Processes the next handshake message in sequence.
    mutating func receive(_ message: HandshakeMessage) throws(DTLSError) -> [HandshakeAction] {
        switch state {
        case .awaitingClientKeyExchange(let current):
            state = .modifying
            guard message.type == .clientKeyExchange else {
                throw unexpected(message, expecting: "ClientKeyExchange")
            }
            let (next, actions) = try current.receiveClientKeyExchange(message)
            state = .awaitingChangeCipherSpec(next)
            return actions

        case .awaitingChangeCipherSpec:
            throw unexpected(message, expecting: "ChangeCipherSpec")

        case .awaitingFinished(let current):
            state = .modifying
            guard message.type == .finished else { throw unexpected(message, expecting: "Finished") }
            let actions = try current.receiveFinished(message)
            state = .established
            return actions

        case .established:
            // A ClientHello on an established connection would be renegotiation (RFC 7925 §17).
            if message.type == .clientHello {
                return [.sendWarning(.noRenegotiation)]
            }
            throw unexpected(message, expecting: "no handshake message")

        case .modifying:
            throw DTLSError(.internalError, "server handshake re-entered")
        }
    }

    /// Processes a ChangeCipherSpec from the client.
    mutating func receiveChangeCipherSpec() -> ChangeCipherSpecOutcome {
        switch state {
        case .awaitingClientKeyExchange:
            return .early
        case .awaitingChangeCipherSpec(let current):
            let (next, actions) = current.receiveChangeCipherSpec()
            state = .awaitingFinished(next)
            return .applied(actions)
        default:
            return .ignored
        }
    }

    private func unexpected(_ message: HandshakeMessage, expecting: String) -> DTLSError {
        DTLSError(.unexpectedMessage, "received \(message.type) while expecting \(expecting)")
    }
}
