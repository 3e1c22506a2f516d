@testable import DTLSCore
import FuzzSupport
import NIOCore

/// What must hold for any first datagram.
///
/// - a HelloVerifyRequest answer is well formed, and its cookie, put into the same hello, is
///   accepted from the same peer in the same period and refused from another peer or later;
/// - with cookies on, only hellos carrying the cookie the server would make are accepted;
/// - a connection given the datagram answers as the stateless check did, and its timers stop.
struct FirstDatagramChecks {
    let cookies: Bool
    let now: DTLSInstant
    let bytes: [UInt8]
    let datagram: ByteBuffer
    let server: DTLSServer

    init(flags: UInt8, datagram bytes: [UInt8]) {
        cookies = flags & 1 != 0
        now = FirstDatagramSetup.arrival(flags: flags)
        self.bytes = bytes
        datagram = ByteBuffer(bytes: bytes)
        server = FirstDatagramSetup.server(flags: flags)
    }

    func run() {
        let verdict = server.inspect(datagram: datagram, from: FirstDatagramSetup.peerAddress, now: now)
        trace("cookies \(cookies ? "on" : "off") at \(now): \(verdict)")
        switch verdict {
        case .reply(let reply):
            invariant(cookies, "a server without cookies sent a HelloVerifyRequest")
            checkCookieRoundTrip(reply)
        case .accept:
            if cookies { checkAcceptedCookie() }
        case .drop:
            break
        }
        checkConnection(after: verdict)
    }

    private func checkCookieRoundTrip(_ reply: ByteBuffer) {
        let records = DTLSWireInspector.records(in: reply)
        invariant(records.count == 1 && records[0].length == reply.readableBytes, "HelloVerifyRequest is not one record")
        let fragments = records[0].handshakeFragments
        invariant(
            fragments.count == 1 && fragments[0].messageType == .helloVerifyRequest && fragments[0].fragmentLength == fragments[0].messageLength,
            "HelloVerifyRequest is not one whole message"
        )
        invariant(
            (try? HelloVerifyRequest.decode(ByteBuffer(bytes: fragments[0].bytes), context: "HelloVerifyRequest")) != nil,
            "HelloVerifyRequest does not decode"
        )
        guard let retry = CookieRetry.retry(of: datagram, answeredWith: reply) else {
            invariant(false, "a HelloVerifyRequest answered a datagram without a whole ClientHello: \(bytes.hex)")
            return
        }
        // A hello already near the record size limit may not fit once it carries the cookie.
        guard retry.readableBytes - RecordHeader.size <= RecordHeader.maximumFragmentLength else { return }
        let again = server.inspect(datagram: retry, from: FirstDatagramSetup.peerAddress, now: now)
        invariant(again.isAccept, "the server refused its own cookie: \(bytes.hex)")
        let elsewhere = server.inspect(datagram: retry, from: FirstDatagramSetup.otherAddress, now: now)
        invariant(!elsewhere.isAccept, "a cookie passed for another peer: \(bytes.hex)")
        let late = server.inspect(datagram: retry, from: FirstDatagramSetup.peerAddress, now: now.advanced(by: .seconds(180)))
        invariant(!late.isAccept, "a cookie passed three periods later: \(bytes.hex)")
    }

    /// The ClientHello the stateless check reads from the first record.
    private var initialHello: HelloVerifier.InitialHello? {
        var index = datagram.readerIndex
        var malformed = false
        guard let record = DatagramRecords.next(in: datagram, at: &index, malformed: &malformed),
            let fragments = try? HandshakeFragment.readAll(from: datagram.getSlice(at: record.fragmentIndex, length: record.fragmentLength)!)
        else { return nil }
        return HelloVerifier.initialHello(in: fragments, epoch: record.header.epoch, recordSequence: record.header.sequenceNumber)
    }

    /// An accepted hello carries the cookie the server makes for it now or one period ago.
    private func checkAcceptedCookie() {
        guard let hello = initialHello?.hello else {
            invariant(false, "accepted a datagram without a whole ClientHello while cookies are on: \(bytes.hex)")
            return
        }
        let authenticator = CookieAuthenticator(secret: FirstDatagramSetup.cookieSecret)
        let previous = now.nanoseconds >= 60_000_000_000 ? DTLSInstant(nanoseconds: now.nanoseconds - 60_000_000_000) : now
        let valid = [now, previous].map { authenticator.cookie(for: hello, peerAddress: FirstDatagramSetup.peerAddress, now: $0) }
        invariant(valid.contains(hello.cookie), "accepted a cookie the server did not make: \(bytes.hex)")
    }

    /// A connection given the datagram first: it must answer a single-record datagram exactly
    /// as the stateless check did, and give up once no answer comes.
    private func checkConnection(after verdict: DTLSServer.InitialDatagramVerdict) {
        let connection = ConnectionObserver(
            server.makeConnection(peerAddress: FirstDatagramSetup.peerAddress),
            maximumTransmissionUnit: server.configuration.maximumTransmissionUnit,
            name: "server connection"
        )
        connection.receive(datagram, now: now)
        if DTLSWireInspector.records(in: datagram).count == 1, case .reply(let reply) = verdict {
            invariant(connection.sent.first == reply, "the connection answered otherwise than the stateless check: \(bytes.hex)")
        }
        invariant(connection.received.isEmpty, "a server that never completed a handshake delivered data: \(bytes.hex)")
        trace("connection sent \(connection.sent.count) datagrams, closed \(connection.closed)")
        connection.runTimersToCompletion()
        trace("after its timers: sent \(connection.sent.count) datagrams, closed \(connection.closed)")
    }
}

extension DTLSServer.InitialDatagramVerdict {
    var isAccept: Bool {
        if case .accept = self { return true }
        return false
    }
}
