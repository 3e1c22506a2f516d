import ProcessTestSupport

extension OpenSSLServer {
    /// Starts a server authenticating with `credentials` that serves `connections` connections,
    /// one after the other, so that later ones can resume the sessions of earlier ones.
    ///
    /// s_server keeps sessions in its cache and issues tickets by default; with
    /// ``ResumptionMechanism/sessionID`` it issues none (`-no_ticket`), so only the session ID
    /// can resume. It prints "Reused session-id" for a resumed handshake, whichever way, and
    /// answers a client's close_notify with its own ("SSL3 alert write:warning:close notify"
    /// on standard error) before it waits for the next connection.
    static func start(
        _ credentials: OpenSSLCredentials,
        resumingBy mechanism: ResumptionMechanism,
        connections: Int
    ) async throws -> LaunchedServer {
        let tickets = mechanism == .ticket ? [] : ["-no_ticket"]
        return try await start(credentials.serverArguments + tickets, connections: connections)
    }
}
