import Testing

@testable import DTLSCore

@Suite("Stateless cookies (RFC 6347 §4.2.1)")
struct CookieAuthenticatorTests {
    static let authenticator = CookieAuthenticator(secret: [UInt8](repeating: 0x11, count: 32), rotationInterval: .seconds(60))
    static let peer: [UInt8] = [192, 0, 2, 1, 0x16, 0x34]
    static let hello = ClientHello(random: (0..<32).map { UInt8($0) }, cipherSuites: [.pskWithAES128CCM8])

    private static func at(_ seconds: Int) -> DTLSInstant {
        DTLSInstant.zero.advanced(by: .seconds(seconds))
    }

    /// `hello` carrying a cookie made for it at `seconds`.
    private static func helloWithCookie(_ hello: ClientHello = hello, madeAt seconds: Int = 30) -> ClientHello {
        var answered = hello
        answered.cookie = authenticator.cookie(for: hello, peerAddress: peer, now: at(seconds))
        return answered
    }

    @Test("a cookie is a period byte and 16 bytes of MAC, and verifies for the same hello and peer")
    func valid() {
        let hello = Self.helloWithCookie()
        #expect(hello.cookie.count == CookieAuthenticator.cookieLength)
        #expect(CookieAuthenticator.cookieLength == 17)
        #expect(hello.cookie[0] == 0)
        #expect(Self.authenticator.verify(hello, peerAddress: Self.peer, now: Self.at(31)))
    }

    @Test("the same inputs give the same cookie")
    func deterministic() {
        #expect(Self.helloWithCookie().cookie == Self.helloWithCookie(madeAt: 59).cookie)
        #expect(Self.helloWithCookie().cookie != Self.helloWithCookie(madeAt: 60).cookie)
    }

    @Test("another peer address fails")
    func otherPeer() {
        #expect(!Self.authenticator.verify(Self.helloWithCookie(), peerAddress: [192, 0, 2, 1, 0x16, 0x35], now: Self.at(31)))
        #expect(!Self.authenticator.verify(Self.helloWithCookie(), peerAddress: [], now: Self.at(31)))
    }

    @Test("changing any covered ClientHello field fails")
    func changedHello() {
        let answered = Self.helloWithCookie()
        var changes: [(String, (inout ClientHello) -> Void)] = []
        changes.append(("random", { $0.random[31] ^= 1 }))
        changes.append(("cipher suites", { $0.cipherSuites.append(.emptyRenegotiationInfoSCSV) }))
        changes.append(("cipher suite order", { $0.cipherSuites = [.emptyRenegotiationInfoSCSV, .pskWithAES128CCM8] }))
        changes.append(("version", { $0.clientVersion = .dtls10 }))
        changes.append(("session id", { $0.sessionID = [1] }))
        changes.append(("compression methods", { $0.compressionMethods = [1, 0] }))
        for (name, change) in changes {
            var hello = answered
            change(&hello)
            #expect(!Self.authenticator.verify(hello, peerAddress: Self.peer, now: Self.at(31)), "changed \(name)")
        }
    }

    @Test("a cookie from the previous period still verifies; from two periods back it does not")
    func rotation() {
        let hello = Self.helloWithCookie(madeAt: 59)
        #expect(Self.authenticator.verify(hello, peerAddress: Self.peer, now: Self.at(60)))
        #expect(Self.authenticator.verify(hello, peerAddress: Self.peer, now: Self.at(119)))
        #expect(!Self.authenticator.verify(hello, peerAddress: Self.peer, now: Self.at(120)))
    }

    @Test("a cookie whose period byte wrapped around does not verify 256 periods later")
    func periodWrap() {
        let hello = Self.helloWithCookie(madeAt: 30)
        #expect(!Self.authenticator.verify(hello, peerAddress: Self.peer, now: Self.at(256 * 60 + 30)))
    }

    @Test("a cookie from another secret fails")
    func otherSecret() {
        let other = CookieAuthenticator(secret: [UInt8](repeating: 0x12, count: 32), rotationInterval: .seconds(60))
        var hello = Self.hello
        hello.cookie = other.cookie(for: Self.hello, peerAddress: Self.peer, now: Self.at(30))
        #expect(!Self.authenticator.verify(hello, peerAddress: Self.peer, now: Self.at(30)))
    }

    @Test("cookies of the wrong length or with a flipped bit fail")
    func malformedCookies() {
        let cookie = Self.helloWithCookie().cookie
        var candidates: [[UInt8]] = [[], Array(cookie.dropLast()), cookie + [0], [UInt8](repeating: 0, count: 17)]
        for index in [0, 1, 16] {
            var flipped = cookie
            flipped[index] ^= 0x01
            candidates.append(flipped)
        }
        for candidate in candidates {
            var hello = Self.hello
            hello.cookie = candidate
            #expect(!Self.authenticator.verify(hello, peerAddress: Self.peer, now: Self.at(31)), "cookie \(candidate)")
        }
    }
}
