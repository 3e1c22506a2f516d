import DTLSCore

/// Heap bytes a server holds per cached session and per established connection, from the
/// malloc interposer's allocated-minus-freed count while many are alive at once.
struct MemoryBenchmarks {
    /// Sessions or connections alive at once per figure.
    let sessions: Int

    func measure(into figures: inout BenchFigures) async throws {
        // A cached session: the growth of a server with a cache, minus one without.
        var caching = BenchConfigurations.pskServer()
        caching.sessionCache = DTLSSessionCache(capacity: sessions)
        let withCache = try await retainedBytes { _ = try await handshake(server: try DTLSServer(configuration: caching)) }
        let withoutCache = try await retainedBytes { _ = try await handshake(server: try DTLSServer(configuration: BenchConfigurations.pskServer())) }
        figures.add("memory.cached_session_bytes", Double(withCache - withoutCache) / Double(sessions), "bytes")

        var withIDs = BenchConfigurations.pskServer()
        withIDs.connectionIDs = .random(length: 4)
        var clientWithIDs = BenchConfigurations.pskClient()
        clientWithIDs.connectionIDs = .random(length: 0)
        for (name, server, client) in [
            ("psk", BenchConfigurations.pskServer(), BenchConfigurations.pskClient()),
            ("psk_cid", withIDs, clientWithIDs),
        ] {
            var kept: [DTLSConnection] = []
            kept.reserveCapacity(sessions)
            let engine = try DTLSServer(configuration: server)
            let bytes = try await retainedBytes { kept.append(try await handshake(server: engine, client: client)) }
            figures.add("memory.established_session.\(name)_bytes", Double(bytes) / Double(sessions), "bytes")
            withExtendedLifetime(kept) {}
        }
    }

    /// One PSK handshake; returns the server's connection (the client's is dropped).
    private func handshake(server: DTLSServer, client: DTLSConfiguration = BenchConfigurations.pskClient()) async throws -> DTLSConnection {
        try await InMemoryLink.handshake(client: client, server: server).server
    }

    /// Heap bytes still allocated after running `body` ``sessions`` times.
    private func retainedBytes(_ body: () async throws -> Void) async throws -> Int {
        try await body()
        return try await Measurement.retainedBytes(iterations: sessions, body)
    }
}
