import DTLSCore
import NIOCore
import NIODTLS
import ProcessTestSupport
import Testing

/// The two exchanges every lossy-path test runs, whichever peer is on the other side.
extension LossyPath {
    /// Our client, through `proxy`, sends ``messages`` to a server that answers every record,
    /// resending until each came back: every message must arrive exactly once and the copies
    /// the proxy made towards us must be discarded as replays.
    ///
    /// - Parameters:
    ///   - lineEnding: appended to each payload, for peers that read lines.
    ///   - peerLog: the peer's own record of what it received, when it prints one.
    static func exchangeAsClient(
        through proxy: ImpairmentProxy,
        lineEnding: String = "",
        peerLog: (name: String, lines: @Sendable () -> [String])? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let configuration = tolerant(InteropKey.shared.clientConfiguration)
        try await OurClient.withConnection(port: proxy.port, configuration: configuration) { connection in
            let (log, reader) = RecordLog.reading(connection)
            defer { reader.cancel() }
            let transcript = try await ResendUntilEchoed().deliver(
                messages,
                send: { try await connection.send(ByteBuffer(string: $0 + lineEnding)) },
                echoes: { log.lines }
            )
            // The server answers each record it receives, so a record it delivered twice
            // would come back twice.
            if let peerLog { transcript.expectDeliveredOnce(peerLog.lines(), by: peerLog.name, sourceLocation: sourceLocation) }
            transcript.expectDeliveredOnce(log.lines, by: "our client", sourceLocation: sourceLocation)
            try await expectReplaysDiscarded(by: connection, proxy: proxy, arriving: .toClient, sourceLocation: sourceLocation)
        }
        expectImpaired(proxy, sourceLocation: sourceLocation)
    }

    /// Our echo server behind a proxy, and a peer client started on the proxy's port that
    /// sends each line of its standard input as a record: once `handshakeCompleted` says the
    /// peer finished its handshake, ``messages`` go through it until each came back, each
    /// exactly once at both ends, with one handshake and the proxy's copies discarded.
    static func exchangeAsServer(
        peer name: String,
        start: (_ port: Int) throws -> ChildProcess,
        handshakeCompleted: @escaping @Sendable (ChildProcess) async -> Bool,
        echoes: @escaping @Sendable (ChildProcess) -> [String],
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let configuration = tolerant(InteropKey.shared.serverConfiguration(cookieExchange: .enabled))
        try await EchoServer.with(configuration) { server in
            let proxy = try await LossyPath.proxy(to: server.port)
            defer { proxy.stop() }
            let peer = try start(proxy.port)
            defer { peer.stop() }

            #expect(await handshakeCompleted(peer), "\(name) did not complete its handshake", sourceLocation: sourceLocation)
            let connection = try #require(await server.accepted.first(within: .seconds(5)), sourceLocation: sourceLocation)
            let transcript = try await ResendUntilEchoed().deliver(
                messages,
                send: { try peer.write($0 + "\n") },
                echoes: { echoes(peer) }
            )
            transcript.expectDeliveredOnce(server.received.lines, by: "our server", sourceLocation: sourceLocation)
            transcript.expectDeliveredOnce(echoes(peer), by: name, sourceLocation: sourceLocation)
            try await expectReplaysDiscarded(by: connection, proxy: proxy, arriving: .toServer, sourceLocation: sourceLocation)
            #expect(try await server.server.statistics.handshakesCompleted == 1, sourceLocation: sourceLocation)
            expectImpaired(proxy, sourceLocation: sourceLocation)
        }
    }
}
