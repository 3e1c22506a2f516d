@testable import DTLSCore
import FuzzSupport
import NIOCore

/// What must hold for any datagram, well-formed or not.
struct RecordParserChecks {
    let bytes: [UInt8]
    let datagram: ByteBuffer

    init(datagram bytes: [UInt8]) {
        self.bytes = bytes
        self.datagram = ByteBuffer(bytes: bytes)
    }

    func run() {
        for length in FuzzConfigurations.connectionIDLengths {
            let parsed = checkRecordSplitting(connectionIDLength: length)
            checkInspector(expectedRecords: parsed, connectionIDLength: length)
        }
        checkConnectionIDRouting()
        feedClients()
        feedServers()
    }

    /// Records found one after the other from the start, each inside the datagram, each header
    /// re-encoding to its own bytes (around the connection ID of `tls12_cid` records);
    /// handshake fragments re-assemble to the record plaintext. Returns how many records were found.
    private func checkRecordSplitting(connectionIDLength: Int) -> Int {
        var index = datagram.readerIndex
        var malformed = false
        var found = 0
        while let record = DatagramRecords.next(in: datagram, at: &index, malformed: &malformed, connectionIDLength: connectionIDLength) {
            found += 1
            let end = record.fragmentIndex + record.fragmentLength
            invariant(
                end <= datagram.writerIndex && end == index && record.recordIndex + record.recordLength == end,
                "record \(found) runs outside the datagram: \(bytes.hex)"
            )
            let cidLength = record.connectionIDLength
            invariant(cidLength == (record.header.contentType == .connectionID ? connectionIDLength : 0), "record has a connection ID of the wrong length")
            var headerBytes = datagram.getSlice(at: record.recordIndex, length: RecordHeader.size - 2)!
            headerBytes.writeImmutableBuffer(datagram.getSlice(at: record.recordIndex + RecordHeader.size - 2 + cidLength, length: 2)!)
            invariant(record.header.encoded == headerBytes, "record header does not re-encode to its bytes: \(bytes.hex)")
            let fragment = datagram.getSlice(at: record.fragmentIndex, length: record.fragmentLength)!
            if record.header.contentType == .handshake, let fragments = try? HandshakeFragment.readAll(from: fragment) {
                var joined = ByteBuffer()
                for piece in fragments {
                    invariant(piece.body.readableBytes == piece.header.fragmentLength, "fragment body length differs from its header")
                    invariant(piece.header.fragmentOffset + piece.header.fragmentLength <= piece.header.length, "fragment past its message")
                    piece.header.encode(into: &joined)
                    joined.writeImmutableBuffer(piece.body)
                }
                invariant(joined == fragment, "handshake fragments do not re-assemble to the record: \(bytes.hex)")
            }
        }
        invariant(index == datagram.writerIndex, "the record parser stopped inside the datagram: \(bytes.hex)")
        return found
    }

    /// The inspector sees the same records, and its summaries stay inside the datagram.
    private func checkInspector(expectedRecords: Int, connectionIDLength: Int) {
        let summaries = DTLSWireInspector.records(in: datagram, connectionIDLength: connectionIDLength)
        invariant(summaries.count == expectedRecords, "inspector and record parser disagree: \(bytes.hex)")
        invariant(summaries.reduce(0) { $0 + $1.length } <= bytes.count, "inspector summaries exceed the datagram")
        for summary in summaries {
            _ = summary.description
            for fragment in summary.handshakeFragments {
                invariant(fragment.bytes.count == fragment.fragmentLength, "inspector fragment bytes differ from its length")
                invariant(fragment.fragmentOffset + fragment.fragmentLength <= fragment.messageLength, "inspector fragment past its message")
            }
        }
    }

    /// A server routing by connection ID reads the ID where the first record has it.
    private func checkConnectionIDRouting() {
        let server = FirstDatagramSetup.server(cookies: false)
        guard let id = server.connectionID(in: datagram) else { return }
        invariant(
            id.count == server.connectionIDLength && bytes.first == ContentType.connectionID.rawValue && Array(bytes[11..<(11 + id.count)]) == id,
            "connection ID routing read \(id.hex) from \(bytes.hex)"
        )
    }

    /// Clients of both profiles (with connection IDs and record size limits), waiting for the
    /// server's first flight, get the datagram twice.
    private func feedClients() {
        let start = DTLSInstant(nanoseconds: 1_000_000_000)
        let clients: [(FuzzProfile, FuzzFeatures)] = [(.psk, [.connectionIDs, .maxFragmentLength]), (.rawPublicKey, [.mbedTLSConnectionIDs, .recordSizeLimit])]
        for (profile, features) in clients {
            let configuration = FuzzConfigurations.client(profile, features: features)
            let client = ConnectionObserver(
                try! DTLSConnection(client: configuration, now: start),
                maximumTransmissionUnit: configuration.maximumTransmissionUnit,
                name: "client (\(profile))"
            )
            client.receive(datagram, now: start.advanced(by: .milliseconds(10)))
            client.receive(datagram, now: start.advanced(by: .milliseconds(20)))
            invariant(client.received.isEmpty, "a client that never completed a handshake delivered data: \(bytes.hex)")
            client.runTimersToCompletion()
        }
    }

    /// Server connections, with and without the cookie exchange, with connection IDs under
    /// both code points, get the datagram as their first.
    private func feedServers() {
        let now = FirstDatagramSetup.now
        for flags in [FirstDatagramSetup.flags(cookies: false), FirstDatagramSetup.flags(cookies: true, mbedTLSConnectionIDs: true)] {
            let cookies = flags & 1 != 0
            let server = FirstDatagramSetup.server(flags: flags)
            let connection = ConnectionObserver(
                server.makeConnection(peerAddress: FirstDatagramSetup.peerAddress),
                maximumTransmissionUnit: server.configuration.maximumTransmissionUnit,
                name: "server connection (cookies \(cookies ? "on" : "off"))"
            )
            connection.receive(datagram, now: now)
            connection.receive(datagram, now: now.advanced(by: .milliseconds(10)))
            invariant(connection.received.isEmpty, "a server that never completed a handshake delivered data: \(bytes.hex)")
            connection.runTimersToCompletion()
        }
    }
}
