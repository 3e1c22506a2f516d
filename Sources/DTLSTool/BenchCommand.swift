import ArgumentParser
import Crypto
import DTLSCore
import DTLSSimulation
import DTLSX509
import Foundation
import NIOCore

/// `dtls bench`: in-memory benchmarks of the core, one figure per line.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure handshake CPU time, bytes on the wire, record throughput and allocations in memory.",
        discussion: "Run a release build (swift run -c release dtls bench). Prints `NAME VALUE UNIT` lines, or one JSON object with --json."
    )

    @Flag(help: "Print one JSON object instead of lines.")
    var json = false

    @Option(help: "Handshakes to time per figure.")
    var handshakes = 2000

    @Option(help: "Records to time per figure.")
    var records = 200_000

    func validate() throws {
        guard handshakes > 0, records > 0 else { throw ValidationError("counts must be positive") }
    }

    func run() async throws {
        var figures = BenchFigures()
        try await measurePSKHandshakes(into: &figures)
        try await measurePublicKeyHandshakes(into: &figures)
        try await measureRecords(into: &figures)
        Terminal.output(json ? figures.json : figures.lines)
    }

    private func pskConfigurations(cookies: CookieExchange) throws -> (DTLSConfiguration, DTLSServer) {
        let identity = Array("bench".utf8)
        let key = Array(repeating: UInt8(0x42), count: 16)
        var server = DTLSConfiguration.psk(store: StaticPSKStore(identity: identity, key: key))
        server.cookieExchange = cookies
        return (.psk(identity: identity, key: key), try DTLSServer(configuration: server))
    }

    private func measurePSKHandshakes(into figures: inout BenchFigures) async throws {
        for (name, cookies) in [("psk", CookieExchange.disabled), ("psk_cookie", .enabled)] {
            let (client, server) = try pskConfigurations(cookies: cookies)
            try await measureHandshake(name, client: client, server: server, count: handshakes, into: &figures)
        }
    }

    /// ECDHE_ECDSA with server authentication only, by raw public key and by a certificate chain
    /// (leaf and one intermediate), next to the cost of the P-256 operations alone.
    private func measurePublicKeyHandshakes(into figures: inout BenchFigures) async throws {
        let count = max(1, handshakes / 4)
        let serverKey = P256.Signing.PrivateKey()
        var rpkServer = DTLSConfiguration()
        rpkServer.cookieExchange = .disabled
        rpkServer.certificateCredentials = .rawPublicKey(serverKey)
        var rpkClient = DTLSConfiguration()
        rpkClient.peerAuthentication = .pinnedRawPublicKeys([Array(serverKey.publicKey.derRepresentation)])
        rpkClient.cipherSuites = [.ecdheECDSAWithAES128CCM8]
        try await measureHandshake("ecdhe_rpk", client: rpkClient, server: try DTLSServer(configuration: rpkServer), count: count, into: &figures)

        let pki = try TestPKI(intermediateCount: 1, notBefore: Date().addingTimeInterval(-3600))
        let leaf = try pki.leaf(dnsNames: ["bench.example"])
        var certificateServer = rpkServer
        certificateServer.certificateCredentials = pki.credentials(for: leaf)
        var certificateClient = rpkClient
        certificateClient.serverName = "bench.example"
        certificateClient.peerAuthentication = .certificates(X509CertificateVerifier(trustAnchors: [pki.root.certificate]))
        try await measureHandshake(
            "ecdhe_cert",
            client: certificateClient,
            server: try DTLSServer(configuration: certificateServer),
            count: count,
            into: &figures
        )

        let floor = try Measurement.cpuPerIteration(iterations: count) { try P256Floor.run() }
        figures.add("crypto.p256_floor.cpu_us", floor / 1000, "us")
        figures.add("handshake.ecdhe_rpk.floor_ratio", figures.value("handshake.ecdhe_rpk.cpu_us")! / (floor / 1000), "x")
    }

    private func measureHandshake(
        _ name: String,
        client: DTLSConfiguration,
        server: DTLSServer,
        count: Int,
        into figures: inout BenchFigures
    ) async throws {
        let sample = try await InMemoryLink.handshake(client: client, server: server)
        let nanoseconds = try await Measurement.cpuPerIteration(iterations: count) {
            _ = try await InMemoryLink.handshake(client: client, server: server)
        }
        figures.add("handshake.\(name).cpu_us", nanoseconds / 1000, "us")
        figures.add("handshake.\(name).wire_bytes", Double(sample.handshakeBytes), "bytes")
        figures.add("handshake.\(name).datagrams", Double(sample.handshakeDatagrams), "datagrams")
    }

    private func measureRecords(into figures: inout BenchFigures) async throws {
        let (client, server) = try pskConfigurations(cookies: .disabled)
        let link = try await InMemoryLink.handshake(client: client, server: server)
        for size in [64, 1024] {
            let payload = ByteBuffer(repeating: 0xAB, count: size)
            let count = size == 64 ? records : records / 4
            let nanoseconds = try Measurement.cpuPerIteration(iterations: count, warmUp: 1000) {
                guard try link.transfer(payload) == size else { throw BenchFailure("record lost in memory") }
            }
            figures.add("record.ccm8.\(size).MBps", Double(size) / nanoseconds * 1000, "MB/s")
            figures.add("record.ccm8.\(size).ns_per_record", nanoseconds, "ns")
            let allocations = try Measurement.allocationsPerIteration(iterations: 1000) {
                _ = try link.transfer(payload)
            }
            figures.add(size == 64 ? "record.allocs_per_record" : "record.allocs_per_record.\(size)", allocations, "allocations")
        }
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

/// Named figures in measurement order.
struct BenchFigures {
    private var entries: [(name: String, value: Double, unit: String)] = []

    mutating func add(_ name: String, _ value: Double, _ unit: String) {
        entries.append((name, value, unit))
    }

    func value(_ name: String) -> Double? {
        entries.first { $0.name == name }?.value
    }

    var lines: String {
        entries.map { "\($0.name) \(format($0.value)) \($0.unit)" }.joined(separator: "\n")
    }

    var json: String {
        "{" + entries.map { "\"\($0.name)\": \(format($0.value))" }.joined(separator: ", ") + "}"
    }

    private func format(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e12 { return String(Int(value)) }
        return String((value * 100).rounded() / 100)
    }
}
