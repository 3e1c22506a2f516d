import NIOCore

/// The client half of the full handshake: flights 1, 3 and 5 of RFC 6347 §4.2.4.
///
/// ```
/// ClientHello            -------->                          flight 1
///                        <--------   HelloVerifyRequest     flight 2
/// ClientHello (+cookie)  -------->                          flight 3
///                                    ServerHello            flight 4
///                                    ServerKeyExchange*
///                        <--------   ServerHelloDone
/// ClientKeyExchange
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
        case awaitingServerKeyExchange(ClientAwaitingServerKeyExchange)
        case awaitingServerHelloDone(ClientAwaitingServerHelloDone)
        case awaitingChangeCipherSpec(ClientAwaitingChangeCipherSpec)
        case awaitingFinished(ClientAwaitingFinished)
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

    var isEstablished: Bool {
        if case .established = state { return true }
        return false
    }

    /// What the client is waiting for, for error messages.
    var awaiting: String {
        switch state {
        case .awaitingServerHello: "ServerHello"
        case .awaitingServerKeyExchange: "ServerKeyExchange or ServerHelloDone"
        case .awaitingServerHelloDone: "ServerHelloDone"
        case .awaitingChangeCipherSpec, .awaitingFinished:
            "the server's Finished (a server holding a different PSK silently drops ours)"
        case .established, .modifying: "nothing"
        }
    }

    /// Processes the next handshake message in sequence.
    mutating func receive(_ message: HandshakeMessage) throws(DTLSError) -> [HandshakeAction] {
        switch state {
        case .awaitingServerHello(var current):
            state = .modifying
            switch message.type {
            case .helloVerifyRequest:
                let flight = try current.receiveHelloVerifyRequest(message)
                state = .awaitingServerHello(current)
                return [.send(flight)]
            case .serverHello:
                state = .awaitingServerKeyExchange(try current.receiveServerHello(message))
                return []
            default:
                throw unexpected(message, expecting: "ServerHello or HelloVerifyRequest")
            }

        case .awaitingServerKeyExchange(let current):
            state = .modifying
            switch message.type {
            case .serverKeyExchange:
                state = .awaitingServerHelloDone(try current.receiveServerKeyExchange(message))
                return []
            case .serverHelloDone:
                let (next, actions) = try current.receiveServerHelloDone(message)
                state = .awaitingChangeCipherSpec(next)
                return actions
            default:
                throw unexpected(message, expecting: "ServerKeyExchange or ServerHelloDone")
            }

        case .awaitingServerHelloDone(let current):
            state = .modifying
            guard message.type == .serverHelloDone else {
                throw unexpected(message, expecting: "ServerHelloDone")
            }
            let (next, actions) = try current.receiveServerHelloDone(message)
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
            guard message.type == .helloRequest else { throw unexpected(message, expecting: "no handshake message") }
            _ = try decode(HelloRequest.self, message)
            // RFC 7925 §17: renegotiation is refused, the connection stays up.
            return [.sendWarning(.noRenegotiation)]

        case .modifying:
            throw DTLSError(.internalError, "client handshake re-entered")
        }
    }

    /// Processes a ChangeCipherSpec from the server.
    mutating func receiveChangeCipherSpec() -> ChangeCipherSpecOutcome {
        switch state {
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
