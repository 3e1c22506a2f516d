import ArgumentParser
import DTLSCore
import Dispatch
import Logging
import NIOCore
import NIODTLS

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `dtls server`: an echo server that sends every application record back to its sender.
struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "server",
        abstract: "Run an echo server until interrupted (SIGINT/SIGTERM close sessions with close_notify)."
    )

    @Option(help: "Address to listen on, HOST:PORT.")
    var listen: Endpoint

    @Flag(name: .customLong("no-cookie"), help: "Skip the HelloVerifyRequest cookie exchange.")
    var noCookie = false

    @Flag(name: .customLong("resume-without-cookie"), help: "Answer a ClientHello that resumes a session at once, without the cookie exchange (RFC 6347 §4.2.1).")
    var resumeWithoutCookie = false

    @Option(name: .customLong("client-auth"), help: "Ask clients for a certificate or raw public key: none, optional or required.")
    var clientAuthentication: ClientAuthenticationOption = .none

    @Option(name: .customLong("session-cache"), help: "Keep up to N sessions for resumption by session ID.")
    var sessionCache: Int?

    @Flag(help: "Issue and accept RFC 5077 session tickets (with a random key unless --ticket-key-file).")
    var tickets = false

    @Option(name: .customLong("ticket-key-file"), help: ArgumentHelp("Ticket keys, one per line as 96 hex digits (16-byte name, 32-byte key), newest first; implies --tickets.", valueName: "FILE"))
    var ticketKeyFile: String?

    @OptionGroup var options: SecurityOptions

    func validate() throws {
        guard options.hasPSK || options.hasOwnKey else {
            throw ValidationError("give --psk-identity and --psk, or --cert and --key, or --rpk and --key")
        }
        if clientAuthentication != .none && !options.hasPeerTrust {
            throw ValidationError("--client-auth needs --ca or --peer-key to judge clients")
        }
        if let sessionCache, sessionCache < 1 { throw ValidationError("--session-cache must be at least 1") }
        if resumeWithoutCookie && noCookie { throw ValidationError("--resume-without-cookie and --no-cookie exclude each other") }
        if resumeWithoutCookie && sessionCache == nil && !tickets && ticketKeyFile == nil {
            throw ValidationError("--resume-without-cookie needs --session-cache or --tickets")
        }
    }

    func run() async throws {
        // Watch for signals before anything can announce that the server is up.
        let signals = SignalWatcher(signals: [SIGINT, SIGTERM])
        var configuration = try options.configuration()
        if let credentials = configuration.pskCredentials {
            configuration.pskStore = StaticPSKStore(identity: credentials.identity, key: credentials.key)
            configuration.pskCredentials = nil
        }
        configuration.clientAuthentication = clientAuthentication.policy
        if let sessionCache { configuration.sessionCache = DTLSSessionCache(capacity: sessionCache) }
        if tickets || ticketKeyFile != nil { configuration.sessionTickets = try TicketKeys.ring(file: ticketKeyFile) }
        configuration.cookieExchange = noCookie ? .disabled : resumeWithoutCookie ? .enabledExceptResumption : .enabled

        let server: NIODTLSServer
        do {
            server = try await NIODTLSServer.bind(host: listen.host, port: listen.port, configuration: configuration)
        } catch let error as DTLSError {
            throw CommandFailure.usage("invalid configuration: \(error.reason)")
        } catch {
            throw CommandFailure.usage("cannot listen on \(listen): \(SocketErrorText.describe(error))")
        }
        if options.verbose { Terminal.note("listening on \(server.localAddress)") }

        let verbose = options.verbose
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await signals.wait()
                await server.close()
            }
            group.addTask {
                await withTaskGroup(of: Void.self) { sessions in
                    for await connection in server.connections {
                        sessions.addTask { await Self.echo(connection, verbose: verbose) }
                    }
                }
            }
            await group.next()
            group.cancelAll()
        }
    }

    private static func echo(_ connection: NIODTLSConnection, verbose: Bool) async {
        let peer = await connection.remoteAddress
        if verbose { Terminal.note("\(peer): handshake complete, \(SessionDescription.describe(connection.sessionInfo))") }
        do {
            for try await data in connection.inbound {
                try await connection.send(data)
            }
            if verbose { Terminal.note("\(peer): closed") }
        } catch {
            if verbose { Terminal.note("\(peer): \(error)") }
        }
    }
}

/// Waits for a POSIX signal. The dispatch sources are only kept alive after init.
final class SignalWatcher: @unchecked Sendable {
    private let sources: [any DispatchSourceSignal]
    private let stream: AsyncStream<Void>

    init(signals: [Int32]) {
        let (stream, continuation) = AsyncStream<Void>.makeStream()
        self.stream = stream
        self.sources = signals.map { signalNumber in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber)
            source.setEventHandler { continuation.yield() }
            source.resume()
            return source
        }
    }

    func wait() async {
        for await _ in stream { return }
    }
}

/// Readable text for socket errors.
enum SocketErrorText {
    static func describe(_ error: any Error) -> String {
        if let ioError = error as? IOError {
            return String(cString: strerror(ioError.errnoCode))
        }
        return "\(error)"
    }
}

/// `--client-auth` values.
enum ClientAuthenticationOption: String, ExpressibleByArgument, CaseIterable {
    case none
    case optional
    case required

    var policy: ClientAuthenticationPolicy {
        switch self {
        case .none: .none
        case .optional: .optional
        case .required: .required
        }
    }
}
