import Crypto
import DTLSCore

/// CPU time (client and server together) and bytes on the wire per handshake.
struct HandshakeBenchmarks {
    /// Handshakes to time per PSK figure; public-key figures use a quarter.
    let count: Int

    func measurePreSharedKey(into figures: inout BenchFigures) async throws {
        for (name, cookies) in [("psk", CookieExchange.disabled), ("psk_cookie", .enabled)] {
            let server = try DTLSServer(configuration: BenchConfigurations.pskServer(cookies: cookies))
            try await measure(name, client: BenchConfigurations.pskClient(), server: server, count: count, into: &figures)
        }
    }

    /// Abbreviated PSK handshakes resuming one session, by session ID and by ticket.
    func measureResumption(into figures: inout BenchFigures) async throws {
        var byID = BenchConfigurations.pskServer()
        byID.sessionCache = DTLSSessionCache(capacity: 16)
        var byTicket = BenchConfigurations.pskServer()
        byTicket.sessionTickets = try BenchConfigurations.ticketRing()
        for (name, configuration) in [("psk_resumed_id", byID), ("psk_resumed_ticket", byTicket)] {
            let server = try DTLSServer(configuration: configuration)
            var client = BenchConfigurations.pskClient()
            client.requestsTickets = configuration.sessionTickets != nil
            let first = try await InMemoryLink.handshake(client: client, server: server)
            client.sessionToResume = first.client.sessionInfo?.resumableSession
            let sample = try await measure(name, client: client, server: server, count: count, into: &figures)
            guard sample.client.sessionInfo?.resumed == true else { throw BenchFailure("\(name): the session was not resumed") }
        }
    }

    /// ECDHE_ECDSA with server authentication only: by raw public key, by a certificate chain,
    /// by the chain's cached_info fingerprint (RFC 7924), and resumed by session ID; next to the
    /// P-256 operations alone.
    func measurePublicKey(into figures: inout BenchFigures) async throws {
        let count = max(1, self.count / 4)
        let rpk = BenchConfigurations.rawPublicKey()
        try await measure("ecdhe_rpk", client: rpk.client, server: try DTLSServer(configuration: rpk.server), count: count, into: &figures)

        let certificate = try BenchConfigurations.certificate()
        var client = certificate.client
        let certificateServer = try DTLSServer(configuration: certificate.server)
        let full = try await measure("ecdhe_cert", client: client, server: certificateServer, count: count, into: &figures)
        guard let cached = full.client.sessionInfo?.serverCertificate else { throw BenchFailure("no certificate to cache") }
        client.cachedServerCertificates = [cached]
        let sample = try await measure("ecdhe_cert_cached_info", client: client, server: certificateServer, count: count, into: &figures)
        guard sample.client.sessionInfo?.serverCertificateFromCache == true else { throw BenchFailure("cached_info was not used") }

        var caching = certificate.server
        caching.sessionCache = DTLSSessionCache(capacity: 16)
        let cachingServer = try DTLSServer(configuration: caching)
        var resuming = certificate.client
        resuming.requestsTickets = false
        resuming.sessionToResume = try await InMemoryLink.handshake(client: resuming, server: cachingServer).client.sessionInfo?.resumableSession
        let resumed = try await measure("ecdhe_cert_resumed_id", client: resuming, server: cachingServer, count: count, into: &figures)
        guard resumed.client.sessionInfo?.resumed == true else { throw BenchFailure("the certificate session was not resumed") }

        let floor = try Measurement.cpuPerIteration(iterations: count) { try P256Floor.run() }
        figures.add("crypto.p256_floor.cpu_us", floor / 1000, "us")
        figures.add("handshake.ecdhe_rpk.floor_ratio", figures.value("handshake.ecdhe_rpk.cpu_us")! / (floor / 1000), "x")
    }

    @discardableResult
    private func measure(
        _ name: String,
        client: DTLSConfiguration,
        server: DTLSServer,
        count: Int,
        into figures: inout BenchFigures
    ) async throws -> InMemoryLink {
        let sample = try await InMemoryLink.handshake(client: client, server: server)
        let nanoseconds = try await Measurement.cpuPerIteration(iterations: count) {
            _ = try await InMemoryLink.handshake(client: client, server: server)
        }
        figures.add("handshake.\(name).cpu_us", nanoseconds / 1000, "us")
        figures.add("handshake.\(name).wire_bytes", Double(sample.handshakeBytes), "bytes")
        figures.add("handshake.\(name).datagrams", Double(sample.handshakeDatagrams), "datagrams")
        return sample
    }
}

/// The P-256 work of one ECDHE_ECDSA handshake with server authentication: two key
/// generations, two key agreements, one signature, one verification.
enum P256Floor {
    static func run() throws {
        let clientShare = P256.KeyAgreement.PrivateKey()
        let serverShare = P256.KeyAgreement.PrivateKey()
        _ = try clientShare.sharedSecretFromKeyAgreement(with: serverShare.publicKey)
        _ = try serverShare.sharedSecretFromKeyAgreement(with: clientShare.publicKey)
        let message = Array(repeating: UInt8(7), count: 133)
        let signature = try signingKey.signature(for: message)
        guard signingKey.publicKey.isValidSignature(signature, for: message) else { throw BenchFailure("P-256 signature did not verify") }
    }

    private static let signingKey = P256.Signing.PrivateKey()
}
