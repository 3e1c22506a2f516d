import DTLSCore

/// One-line descriptions of what a handshake negotiated.
enum SessionDescription {
    static func describe(_ info: DTLSSessionInfo) -> String {
        var parts = ["\(info.cipherSuite)"]
        parts.append(info.extendedMasterSecret ? "extended master secret" : "legacy master secret")
        if let identity = info.pskIdentity { parts.append("PSK identity \"\(String(decoding: identity, as: UTF8.self))\"") }
        if let name = info.serverName { parts.append("server name \(name)") }
        if !info.serverHelloExtensions.isEmpty {
            parts.append("extensions: " + info.serverHelloExtensions.map(\.description).joined(separator: ", "))
        }
        return parts.joined(separator: "; ")
    }
}
