import ProcessTestSupport

extension OpenSSLClient {
    /// What s_client does with a session file.
    enum SessionFile {
        /// Writes the session it gets to the file (`-sess_out`) once the handshake is done.
        case save(String)
        /// Offers the session read from the file for resumption (`-sess_in`).
        case resume(String)

        var arguments: [String] {
            switch self {
            case .save(let path): ["-sess_out", path]
            case .resume(let path): ["-sess_in", path]
            }
        }
    }

    /// Connects to `port` with `credentials`, saving or resuming a session through `session`.
    ///
    /// It runs without `-quiet`, so that it prints "New, TLSv1.2, Cipher is …" after a full
    /// handshake and "Reused, TLSv1.2, Cipher is …" after an abbreviated one, before the
    /// records it receives.
    static func start(port: Int, _ credentials: OpenSSLCredentials, session: SessionFile) throws -> ChildProcess {
        try start(port: port, credentials.clientArguments + session.arguments, quiet: false)
    }
}
