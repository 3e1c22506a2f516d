import DTLSCore

/// One-line descriptions of what a handshake negotiated.
enum SessionDescription {
    static func describe(_ info: DTLSSessionInfo) -> String {
        var parts = ["\(info.cipherSuite)"]
        parts.append(info.extendedMasterSecret ? "extended master secret" : "legacy master secret")
        if let identity = info.pskIdentity { parts.append("PSK identity \"\(String(decoding: identity, as: UTF8.self))\"") }
        if let name = info.serverName { parts.append("server name \(name)") }
        if let peer = info.peerIdentity {
            if let subject = peer.subject {
                parts.append("peer certificate \(subject)")
            } else {
                parts.append("peer raw public key \(Fingerprint.sha256(peer.subjectPublicKeyInfo))")
            }
            if let eui64 = peer.eui64 { parts.append("EUI-64 \(eui64)") }
        }
        if info.clientAuthenticated { parts.append("client authenticated") }
        if let received = info.connectionID, let sent = info.peerConnectionID {
            parts.append("connection IDs: receive \(Self.hex(received)), send \(Self.hex(sent))")
        }
        if info.sendingRecordLimit < 1 << 14 || info.receivingRecordLimit < 1 << 14 {
            parts.append("record plaintext limits: send \(info.sendingRecordLimit), receive \(info.receivingRecordLimit)")
        }
        if info.resumed { parts.append("resumed") }
        if info.serverCertificateFromCache { parts.append("server certificate from cache (RFC 7924)") }
        if !info.serverHelloExtensions.isEmpty {
            parts.append("extensions: " + info.serverHelloExtensions.map(\.description).joined(separator: ", "))
        }
        return parts.joined(separator: "; ")
    }

    /// An ID as hex, or "(empty)".
    private static func hex(_ bytes: [UInt8]) -> String {
        bytes.isEmpty ? "(empty)" : Hex.encode(bytes)
    }
}
