import ArgumentParser
import DTLSCore
import Dispatch
import NIOCore
import NIODTLS

/// `dtls client`: handshakes, sends a message or each line of stdin, prints what comes back.
struct ClientCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "client",
        abstract: "Connect, send --message (or each line of stdin) and print the replies."
    )

    @Argument(help: "Server address, HOST:PORT.")
    var server: Endpoint

    @Option(help: "Send this text and exit after the reply arrives.")
    var message: String?

    @Option(help: "Seconds to wait for the handshake, and for replies after the last message.")
    var timeout: Double = 30

    @Option(name: .customLong("server-name"), help: "Host name to send as server_name and to check the server's certificate against.")
    var serverName: String?

    @Option(name: .customLong("max-fragment"), help: ArgumentHelp("Ask for max_fragment_length (RFC 6066): 512, 1024, 2048 or 4096.", valueName: "BYTES"))
    var maxFragment: Int?

    @Flag(help: "After the exchange, close, reconnect resuming the session, print whether the abbreviated handshake was used, and repeat the exchange.")
    var resume = false

    @Flag(name: .customLong("cached-info"), help: "After the exchange, close, reconnect offering the server's certificate by fingerprint (RFC 7924), print whether the server sent only the fingerprint, and repeat the exchange.")
    var cachedInfo = false

    @OptionGroup var options: SecurityOptions

    func validate() throws {
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
        if resume && message == nil { throw ValidationError("--resume needs --message") }
        if cachedInfo && message == nil { throw ValidationError("--cached-info needs --message") }
        if cachedInfo && resume { throw ValidationError("--cached-info and --resume exclude each other (a resumed handshake sends no certificate)") }
        if let maxFragment, MaximumFragmentLength(bytes: maxFragment) == nil {
            throw ValidationError("--max-fragment must be 512, 1024, 2048 or 4096")
        }
        guard options.hasPSK || options.hasPeerTrust else {
            throw ValidationError("give --psk-identity and --psk, or --ca or --peer-key to authenticate the server")
        }
    }

    func run() async throws {
        var configuration = try options.configuration()
        configuration.serverName = serverName
        configuration.maximumFragmentLength = maxFragment.flatMap(MaximumFragmentLength.init(bytes:))
        configuration.handshakeTimeout = .milliseconds(Int64(timeout * 1000))
        let address: SocketAddress
        do {
            address = try SocketAddress.makeAddressResolvingHost(server.host, port: server.port)
        } catch {
            throw CommandFailure.usage("cannot resolve \(server.host): \(SocketErrorText.describe(error))")
        }

        let connection = try await connect(to: address, configuration: configuration)
        if options.verbose { Terminal.note("handshake complete: \(SessionDescription.describe(connection.sessionInfo))") }

        let events = ClientEvents()
        if let message {
            events.lines.yield(message)
            events.lines.finish()
        } else {
            events.readStandardInput()
        }
        try await exchange(over: connection, events: events)
        guard resume || cachedInfo, let message else { return }

        if resume {
            guard let session = connection.sessionInfo.resumableSession else {
                throw CommandFailure.failed("the server offered no session ID or ticket to resume")
            }
            configuration.sessionToResume = session
        }
        if cachedInfo {
            guard let certificate = connection.sessionInfo.serverCertificate else {
                throw CommandFailure.failed("the server presented no certificate or raw public key to cache")
            }
            configuration.cachedServerCertificates = [certificate]
        }
        let again = try await connect(to: address, configuration: configuration)
        if resume {
            Terminal.output(again.sessionInfo.resumed ? "resumed: yes (abbreviated handshake)" : "resumed: no (full handshake)")
        }
        if cachedInfo {
            Terminal.output(
                again.sessionInfo.serverCertificateFromCache
                    ? "cached certificate: yes (the server sent only its fingerprint)" : "cached certificate: no (the server sent its certificate in full)"
            )
        }
        if options.verbose { Terminal.note("handshake complete: \(SessionDescription.describe(again.sessionInfo))") }
        let repeated = ClientEvents()
        repeated.lines.yield(message)
        repeated.lines.finish()
        try await exchange(over: again, events: repeated)
    }

    private func connect(to address: SocketAddress, configuration: DTLSConfiguration) async throws -> NIODTLSConnection {
        do {
            // The handshake deadline is the configuration's, so a timeout says what was missing.
            return try await NIODTLSClient.connect(to: address, configuration: configuration)
        } catch let error as DTLSError {
            throw CommandFailure.failed("handshake failed: \(error)")
        } catch {
            throw CommandFailure.failed("cannot connect to \(server): \(SocketErrorText.describe(error))")
        }
    }

    /// Sends each line, prints each reply, and ends once input ended and every reply arrived.
    private func exchange(over connection: NIODTLSConnection, events: ClientEvents) async throws {
        let timeout = self.timeout
        let merged = events.merged(with: connection)
        var outstanding = 0
        var inputEnded = false
        var timer: Task<Void, Never>?
        defer { timer?.cancel() }

        for await event in merged.stream {
            switch event {
            case .line(let line):
                do {
                    try await connection.send(ByteBuffer(string: line))
                } catch {
                    throw CommandFailure.failed("send failed: \(error)")
                }
                outstanding += 1
            case .inputEnded:
                inputEnded = true
            case .reply(let data):
                Terminal.output(String(buffer: data))
                outstanding = max(0, outstanding - 1)
            case .closed(let error):
                if let error { throw CommandFailure.failed("connection failed: \(error)") }
                if !inputEnded || outstanding > 0 { throw CommandFailure.failed("server closed the connection") }
                return
            case .timedOut:
                await connection.close()
                throw CommandFailure.failed("no reply within \(timeout.formatted) s")
            }
            if inputEnded && outstanding == 0 {
                await connection.close()
                return
            }
            if inputEnded {
                timer?.cancel()
                timer = merged.timeout(after: timeout)
            }
        }
    }
}

/// Everything the client loop reacts to, merged into one stream.
final class ClientEvents: Sendable {
    enum Event: Sendable {
        case line(String)
        case inputEnded
        case reply(ByteBuffer)
        case closed(DTLSError?)
        case timedOut
    }

    let lines: AsyncStream<String>.Continuation
    private let lineStream: AsyncStream<String>

    init() {
        (lineStream, lines) = AsyncStream<String>.makeStream()
    }

    /// Feeds stdin lines from a background thread (reading blocks).
    func readStandardInput() {
        let lines = self.lines
        DispatchQueue.global().async {
            while let line = readLine() { lines.yield(line) }
            lines.finish()
        }
    }

    struct Merged: Sendable {
        let stream: AsyncStream<Event>
        let continuation: AsyncStream<Event>.Continuation

        func timeout(after seconds: Double) -> Task<Void, Never> {
            let continuation = self.continuation
            return Task {
                guard (try? await Task.sleep(for: .seconds(seconds))) != nil else { return }
                continuation.yield(.timedOut)
            }
        }
    }

    func merged(with connection: NIODTLSConnection) -> Merged {
        let (stream, continuation) = AsyncStream<Event>.makeStream()
        let lineStream = self.lineStream
        Task {
            for await line in lineStream { continuation.yield(.line(line)) }
            continuation.yield(.inputEnded)
        }
        Task {
            do {
                for try await data in connection.inbound { continuation.yield(.reply(data)) }
                continuation.yield(.closed(nil))
            } catch {
                continuation.yield(.closed(error as? DTLSError))
            }
        }
        return Merged(stream: stream, continuation: continuation)
    }
}

extension Double {
    /// Seconds without a trailing `.0`.
    var formatted: String {
        self == rounded() ? String(Int(self)) : String(self)
    }
}
