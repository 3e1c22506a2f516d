import Crypto

/// A server's Certificate message as a client keeps it, so that later full handshakes can ask
/// the server to send only its fingerprint (cached_info, RFC 7924; RFC 7925 §4.4).
///
/// Take it from ``DTLSSessionInfo/serverCertificate`` after a handshake completed (never from
/// an unauthenticated source: RFC 7924 §6), store ``message``, and pass it back through
/// ``DTLSConfiguration/cachedServerCertificates``. A server whose certificate changed sends the
/// new one in full.
public struct DTLSCachedCertificate: Sendable, Hashable {
    /// The Certificate message body as the server sent it: an X.509 certificate_list, or a
    /// raw public key (RFC 7250).
    public let message: [UInt8]
    /// SHA-256 over the message with a TLS handshake header (type 11 and a 24-bit length), the
    /// fingerprint of RFC 7924 §4.1 and its Appendix A; DTLS sequence and fragment fields are
    /// not part of it.
    public let fingerprint: [UInt8]

    /// Wraps a stored Certificate message body.
    public init(message: [UInt8]) {
        self.message = message
        self.fingerprint = Self.fingerprint(of: message)
    }

    static func fingerprint(of body: [UInt8]) -> [UInt8] {
        var hash = SHA256()
        let length = body.count
        hash.update(data: [HandshakeType.certificate.rawValue, UInt8(truncatingIfNeeded: length >> 16), UInt8(truncatingIfNeeded: length >> 8), UInt8(truncatingIfNeeded: length)])
        hash.update(data: body)
        return Array(hash.finalize())
    }
}
