import DTLSCore
import NIOCore
import NIODTLS
import Testing

/// record_size_limit (RFC 8449) with GnuTLS, in both directions, with certificate flights
/// larger than the limit. A ``DatagramRelay`` between the two measures every record's
/// plaintext.
///
/// GnuTLS takes limits from 512 bytes up: `gnutls-cli --recordsize` refuses smaller values,
/// and `gnutls-serv` ignores a smaller announcement (it leaves the extension out of its
/// ServerHello).
@Suite("record_size_limit with GnuTLS", .timeLimit(.minutes(1)))
struct RecordSizeLimitInteropTests {
    static let suite = CipherSuite.ecdheECDSAWithAES128CCM8

    @Test(
        "our server keeps every record within the limit gnutls-cli announces",
        .requires(.gnutlsClient), .requires(.openssl),
        arguments: [512, 600]
    )
    func ourServer(limit: Int) async throws {
        let pki = try await PeerPKI.make()
        defer { pki.remove() }
        let configuration = try pki.serverConfiguration()
        try await EchoServer.with(configuration) { server in
            let relay = try await DatagramRelay.start(forwardingTo: server.port)
            defer { relay.stop() }
            let peer = try GnuTLSClient.start(port: relay.port, certificatesFrom: pki, recordSize: limit)
            defer { peer.stop() }

            let message = "ping within \(limit) bytes a record"
            try peer.write(message + "\n")
            #expect(await peer.standardOutput.waitUntil(contains: "\n" + message + "\n", timeout: .seconds(10)))

            let connection = try #require(await server.accepted.first(within: .seconds(5)))
            // With 512 gnutls-cli offers max_fragment_length as well: record_size_limit wins (RFC 8449 §5).
            #expect(connection.sessionInfo.serverHelloExtensions.contains(.recordSizeLimit))
            #expect(!connection.sessionInfo.serverHelloExtensions.contains(.maxFragmentLength))
            #expect(connection.sessionInfo.sendingRecordLimit == limit)

            let ours = relay.datagramsToClient
            #expect(WireRecords.largestPlaintext(in: ours, protectedBy: Self.suite) <= limit)
            // Our server applies the limit to its unprotected flights too, so the chain went out in pieces.
            #expect(configuration.certificateChainBytes > limit)
            #expect(WireRecords.partialFragments(in: ours).contains { $0.messageType == .certificate })
        }
    }

    /// gnutls-serv applies the limit to its unprotected flights as well. Its UDP echo reads
    /// at most 254 bytes at a time, so it answers in records of at most 254 bytes whatever the
    /// limit.
    @Test(
        "gnutls-serv keeps its records within the limit our client announces",
        .requires(.gnutlsServer), .requires(.openssl),
        arguments: [512, 800]
    )
    func ourClient(limit: Int) async throws {
        let pki = try await PeerPKI.make()
        defer { pki.remove() }
        let peer = try await GnuTLSServer.start(certificatesFrom: pki)
        defer { peer.stop() }
        let relay = try await DatagramRelay.start(forwardingTo: peer.port)
        defer { relay.stop() }

        var configuration = try pki.clientConfiguration()
        configuration.recordSizeLimit = limit
        try await OurClient.withConnection(port: relay.port, configuration: configuration) { connection in
            #expect(connection.sessionInfo.serverHelloExtensions.contains(.recordSizeLimit))
            #expect(connection.sessionInfo.receivingRecordLimit == limit)

            let message = String(repeating: "x", count: limit)
            try await connection.send(ByteBuffer(string: message))
            var echoed = ""
            while echoed.utf8.count < message.utf8.count {
                echoed += try await connection.nextRecord(within: .seconds(10))
            }
            #expect(echoed == message)
        }

        let theirs = relay.datagramsToClient
        #expect(WireRecords.largestPlaintext(in: theirs, protectedBy: Self.suite) <= limit)
        // Its chain did not fit one record within the limit: its Certificate went out in fragments.
        #expect(try pki.serverConfiguration().certificateChainBytes > limit)
        #expect(WireRecords.partialFragments(in: theirs).contains { $0.messageType == .certificate })
    }

    @Test(
        "gnutls-serv ignores a record_size_limit below 512",
        .requires(.gnutlsServer), .requires(.openssl)
    )
    func ourClientBelowGnuTLSMinimum() async throws {
        let pki = try await PeerPKI.make()
        defer { pki.remove() }
        let peer = try await GnuTLSServer.start(certificatesFrom: pki)
        defer { peer.stop() }

        var configuration = try pki.clientConfiguration()
        configuration.recordSizeLimit = 256
        try await OurClient.withConnection(port: peer.port, configuration: configuration) { connection in
            #expect(!connection.sessionInfo.serverHelloExtensions.contains(.recordSizeLimit))
            #expect(connection.sessionInfo.receivingRecordLimit == 1 << 14)
            let message = "ping without a record size limit"
            try await connection.send(ByteBuffer(string: message))
            #expect(try await connection.nextRecord(within: .seconds(10)) == message)
        }
    }
}
