import DTLSCore
import NIOCore
import NIODTLS
import NIOPosix
import ProcessTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Multi-peer server under hostile conditions", .timeLimit(.minutes(2)))
struct ServerHardeningTests {
    /// Resident memory of this process in bytes (second field of /proc/self/statm, in pages).
    private func residentBytes() -> Int {
        guard let file = fopen("/proc/self/statm", "r") else { return 0 }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 128)
        guard fgets(&line, Int32(line.count), file) != nil else { return 0 }
        let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// A ClientHello as a client would send it first (no cookie).
    private func clientHello() throws -> ByteBuffer {
        let connection = try DTLSConnection(client: NIOFixtures.client, now: .zero)
        guard case .transmit(let datagram) = connection.nextEvent() else { throw SocketFailure("no ClientHello") }
        return datagram
    }

    @Test("10,000 spoofed ClientHellos allocate no per-peer state while a legitimate client completes")
    func flood() async throws {
        try await withEchoServer { server in
            let port = server.localAddress.port!
            let hello = try clientHello()
            let before = residentBytes()
            let flood = Task.detached {
                // Every hello from a different source address: 40 loopback addresses × 250 each.
                // Sent in batches, each once the server has answered the one before, so the
                // kernel's receive buffer does not discard them before the server sees them.
                for batch in 0..<100 {
                    for index in (batch * 100)..<(batch * 100 + 100) {
                        let host = "127.0.\(index / 250 + 2).\(index % 250 + 2)"
                        guard let socket = try? RawUDPSocket(host: host) else { continue }
                        socket.send(hello, toPort: port)
                    }
                    let deadline = ContinuousClock.now + .seconds(5)
                    while (try? await server.statistics.helloVerifyRequestsSent) ?? 0 < batch * 100 + 90, ContinuousClock.now < deadline {
                        try? await Task.sleep(for: .milliseconds(1))
                    }
                }
            }
            let client = try await NIODTLSClient.connect(to: server.localAddress, configuration: NIOFixtures.client)
            try await client.send(ByteBuffer(string: "through the flood"))
            var echo: String?
            for try await data in client.inbound {
                echo = String(buffer: data)
                break
            }
            await flood.value
            try await Task.sleep(for: .milliseconds(300))
            let statistics = try await server.statistics
            #expect(echo == "through the flood")
            #expect(statistics.handshakesStarted == 1)
            #expect(statistics.helloVerifyRequestsSent >= 9_900)
            #expect(statistics.handshakesInProgress == 0)
            // The hellos were answered statelessly: memory must not grow with their number.
            #expect(residentBytes() - before < 32 * 1024 * 1024)
            await client.close()
        }
    }

    @Test("a client that reboots keeps its old session until the new handshake completes (RFC 6347 §4.2.8)")
    func rebootedClient() async throws {
        try await withEchoServer { server in
            let port = server.localAddress.port!
            let socket = try RawUDPSocket()
            var old = try SocketDrivenConnection(configuration: NIOFixtures.client, socket: socket, serverPort: port)
            let oldEstablished = await old.run(until: { $0.connection.isEstablished })
            #expect(oldEstablished)
            try old.send("before")
            let echoedBefore = await old.run(until: { $0.received == ["before"] })
            #expect(echoedBefore)

            // The "rebooted" client starts over from the same address and port; while its
            // handshake is under way the old session still answers.
            var new = try SocketDrivenConnection(configuration: NIOFixtures.client, socket: socket, serverPort: port)
            try old.send("meanwhile")
            let end = ContinuousClock.now + .seconds(10)
            while !(new.connection.isEstablished && old.received.contains("meanwhile")), ContinuousClock.now < end {
                guard let datagram = socket.receive() else {
                    new.pump()
                    try await Task.sleep(for: .milliseconds(2))
                    continue
                }
                // Each association takes what it can authenticate.
                if old.deliver(ByteBuffer(buffer: datagram)) == 0 { new.deliver(datagram) }
                new.pump()
            }
            #expect(old.received.contains("meanwhile"))
            #expect(new.connection.isEstablished)
            try new.send("after")
            let echoedAfter = await new.run(until: { $0.received == ["after"] })
            #expect(echoedAfter)
            let statistics = try await server.statistics
            #expect(statistics.connectionsReplaced == 1)
            #expect(statistics.connectionsOpen == 1)
        }
    }

    @Test("a client that stops mid-handshake is dropped after the handshake timeout")
    func handshakeTimeout() async throws {
        var limits = NIODTLSServerLimits()
        limits.handshakeTimeout = .milliseconds(300)
        var configuration = NIOFixtures.server
        configuration.cookieExchange = .disabled
        try await withEchoServer(configuration, limits: limits) { server in
            let socket = try RawUDPSocket()
            socket.send(try clientHello(), toPort: server.localAddress.port!)
            var failure: NIODTLSServer.FailedHandshake?
            for await failed in server.failedHandshakes {
                failure = failed
                break
            }
            #expect(failure?.error?.code == .handshakeTimeout)
            #expect(try await server.statistics.handshakesInProgress == 0)
        }
    }

    @Test("a silent established connection is closed after the idle timeout")
    func idleTimeout() async throws {
        var limits = NIODTLSServerLimits()
        limits.idleTimeout = .seconds(1)
        try await withEchoServer(limits: limits) { server in
            let client = try await NIODTLSClient.connect(to: server.localAddress, configuration: NIOFixtures.client)
            var ended = false
            for try await _ in client.inbound {}
            ended = true
            #expect(ended)
            #expect(try await server.statistics.idleTimeouts == 1)
        }
    }

    @Test("handshakes beyond the cap are dropped and counted; garbage is counted by reason")
    func capacityAndDrops() async throws {
        var limits = NIODTLSServerLimits()
        limits.maximumHandshakes = 1
        var configuration = NIOFixtures.server
        configuration.cookieExchange = .disabled
        try await withEchoServer(configuration, limits: limits) { server in
            let port = server.localAddress.port!
            let hello = try clientHello()
            let first = try RawUDPSocket()
            let second = try RawUDPSocket()
            first.send(hello, toPort: port)
            // Polled, so that a slow machine (or a sanitizer) gets the time it needs. The polls
            // stay outside #expect: with one inside it, this toolchain skipped the next poll's
            // closure altogether.
            let admitted = try await eventually(within: .seconds(10)) { try await server.statistics.handshakesStarted == 1 }
            #expect(admitted)
            second.send(hello, toPort: port)
            second.send(ByteBuffer(bytes: [23, 0xFE, 0xFD, 0, 1]), toPort: port)
            _ = try await eventually(within: .seconds(10)) {
                let counters = try await server.statistics
                return counters.rejectedAtCapacity == 1 && counters.drops(.malformedRecord) == 1
            }
            let statistics = try await server.statistics
            #expect(statistics.rejectedAtCapacity == 1)
            #expect(statistics.drops(.serverAtCapacity) == 1)
            #expect(statistics.drops(.malformedRecord) == 1)
            #expect(statistics.handshakesInProgress == 1)
        }
    }
}
