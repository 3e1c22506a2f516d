import Crypto
import NIOCore

/// Makes and checks stateless HelloVerifyRequest cookies (RFC 6347 §4.2.1).
///
/// `cookie = period_tag ‖ HMAC-SHA256(K_period, peer ‖ client_version ‖ random ‖ session_id ‖
/// cipher_suites ‖ compression_methods)[0..15]`, where `K_period` is derived from a secret and
/// the rotation period the cookie was made in. Cookies from the current and the previous period
/// verify, so a secret rotates every ``rotationInterval`` without any stored state.
struct CookieAuthenticator: Sendable {
    /// Bytes of MAC kept in a cookie.
    static let macLength = 16
    /// Total cookie length: one byte naming the period, then the MAC.
    static let cookieLength = 1 + macLength

    private let secret: SymmetricKey
    let rotationInterval: Duration

    init(secret: [UInt8], rotationInterval: Duration = .seconds(60)) {
        self.secret = SymmetricKey(data: secret)
        self.rotationInterval = rotationInterval
    }

    /// A cookie binding `hello` to `peerAddress` at time `now`.
    func cookie(for hello: ClientHello, peerAddress: [UInt8], now: DTLSInstant) -> [UInt8] {
        let period = self.period(of: now)
        return [UInt8(truncatingIfNeeded: period)] + mac(hello, peerAddress: peerAddress, period: period)
    }

    /// Whether `hello.cookie` was made by this authenticator for this peer recently.
    func verify(_ hello: ClientHello, peerAddress: [UInt8], now: DTLSInstant) -> Bool {
        guard hello.cookie.count == Self.cookieLength else { return false }
        let current = period(of: now)
        for candidate in [current, current &- 1] where UInt8(truncatingIfNeeded: candidate) == hello.cookie[0] {
            if constantTimeEquals(mac(hello, peerAddress: peerAddress, period: candidate), hello.cookie.dropFirst()) {
                return true
            }
        }
        return false
    }

    private func period(of instant: DTLSInstant) -> UInt64 {
        instant.nanoseconds / UInt64(max(1, rotationInterval.nanoseconds))
    }

    private func mac(_ hello: ClientHello, peerAddress: [UInt8], period: UInt64) -> [UInt8] {
        var periodBytes = [UInt8]("cookie".utf8)
        withUnsafeBytes(of: period.bigEndian) { periodBytes.append(contentsOf: $0) }
        let periodKey = SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: periodBytes, using: secret))

        var input = ByteBuffer()
        input.writeVector(lengthBytes: 2, peerAddress)
        input.writeInteger(hello.clientVersion.rawValue)
        input.writeBytes(hello.random)
        input.writeVector(lengthBytes: 1, hello.sessionID)
        input.writeLengthPrefixed(lengthBytes: 2) { buffer in
            for suite in hello.cipherSuites { buffer.writeInteger(suite.rawValue) }
        }
        input.writeVector(lengthBytes: 1, hello.compressionMethods)
        let code = input.withUnsafeReadableBytes { HMAC<SHA256>.authenticationCode(for: $0, using: periodKey) }
        return Array(code.prefix(Self.macLength))
    }
}
