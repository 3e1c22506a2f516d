import DTLSCore
import NIOCore
import NIODTLS
import Testing

/// max_fragment_length (RFC 6066 §4, RFC 7925 §15) of 512 bytes with OpenSSL, in both
/// directions, with certificate flights that cannot fit one 512-byte record. A
/// ``DatagramRelay`` between the two measures every record's plaintext.
@Suite("max_fragment_length 512 with OpenSSL", .requires(.openssl), .timeLimit(.minutes(1)))
struct MaximumFragmentLengthInteropTests {
    static let limit = 512
    /// A line that fills one record exactly. OpenSSL does not split application data for
    /// max_fragment_length in DTLS: a longer write fails with an internal_error alert.
    static let fullRecord = String(String(repeating: "0123456789abcdef", count: 32).dropLast()) + "\n"

    @Test("our server keeps every record to 512 bytes for openssl s_client -maxfraglen 512")
    func ourServer() async throws {
        let pki = try await PeerPKI.make()
        defer { pki.remove() }
        let configuration = try pki.serverConfiguration()
        try await EchoServer.with(configuration) { server in
            let relay = try await DatagramRelay.start(forwardingTo: server.port)
            defer { relay.stop() }
            let peer = try OpenSSLClient.start(port: relay.port, certificatesFrom: pki, maximumFragmentLength: Self.limit)
            defer { peer.stop() }

            try peer.write(Self.fullRecord)
            #expect(await peer.standardOutput.waitUntil(contains: Self.fullRecord, timeout: .seconds(10)))

            let connection = try #require(await server.accepted.first(within: .seconds(5)))
            #expect(connection.sessionInfo.serverHelloExtensions.contains(.maxFragmentLength))
            #expect(connection.sessionInfo.sendingRecordLimit == Self.limit)
            #expect(connection.sessionInfo.receivingRecordLimit == Self.limit)

            let suite = CipherSuite.ecdheECDSAWithAES128CCM8
            let ours = relay.datagramsToClient
            #expect(WireRecords.largestPlaintext(in: ours, protectedBy: suite) <= Self.limit)
            // The chain needed more than one record: our Certificate went out in fragments.
            #expect(configuration.certificateChainBytes > Self.limit)
            #expect(WireRecords.partialFragments(in: ours).contains { $0.messageType == .certificate })
            // The echo filled a record to the limit.
            #expect(WireRecords.largestPlaintext(in: ours, protectedBy: suite) { $0.contentType == .applicationData } == Self.limit)
            // s_client kept to the limit it asked for too.
            #expect(WireRecords.largestPlaintext(in: relay.datagramsToServer, protectedBy: suite) <= Self.limit)
        }
    }

    @Test("openssl s_server honours max_fragment_length 512 from our client")
    func ourClient() async throws {
        let pki = try await PeerPKI.make()
        defer { pki.remove() }
        let peer = try await OpenSSLServer.start(certificatesFrom: pki)
        defer { peer.process.stop() }
        let relay = try await DatagramRelay.start(forwardingTo: peer.port)
        defer { relay.stop() }

        var configuration = try pki.clientConfiguration()
        configuration.maximumFragmentLength = .bytes512
        try await OurClient.withConnection(port: relay.port, configuration: configuration) { connection in
            #expect(connection.sessionInfo.serverHelloExtensions.contains(.maxFragmentLength))
            #expect(connection.sessionInfo.sendingRecordLimit == Self.limit)
            #expect(connection.sessionInfo.receivingRecordLimit == Self.limit)

            // Our side refuses to build a longer record.
            let refusal = await #expect(throws: DTLSError.self) {
                try await connection.send(ByteBuffer(string: Self.fullRecord + "x"))
            }
            #expect(refusal?.code == .recordTooLarge)
            // A full record goes both ways.
            let echoed = try await OpenSSLServer.echo(Self.fullRecord, through: peer, over: connection)
            #expect(echoed == Self.fullRecord)
        }

        let suite = CipherSuite.ecdheECDSAWithAES128CCM8
        let theirs = relay.datagramsToClient
        #expect(WireRecords.largestPlaintext(in: theirs, protectedBy: suite) <= Self.limit)
        #expect(WireRecords.largestPlaintext(in: theirs, protectedBy: suite) { $0.contentType == .applicationData } == Self.limit)
        // s_server fragmented its Certificate message to fit as well.
        #expect(WireRecords.partialFragments(in: theirs).contains { $0.messageType == .certificate })
        #expect(WireRecords.largestPlaintext(in: relay.datagramsToServer, protectedBy: suite) <= Self.limit)
    }
}
