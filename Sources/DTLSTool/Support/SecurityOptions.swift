import ArgumentParser
import Crypto
import DTLSCore
import DTLSX509

/// Options shared by `client` and `server`: credentials, trust, record extensions, MTU, key log, verbosity.
struct SecurityOptions: ParsableArguments {
    @Option(name: .customLong("psk-identity"), help: "PSK identity (text).")
    var pskIdentity: String?

    @Option(name: .customLong("psk"), help: "PSK as hexadecimal.")
    var pskHex: String?

    @Option(help: ArgumentHelp("Our certificate chain, PEM, leaf first.", valueName: "FILE"))
    var cert: String?

    @Option(help: ArgumentHelp("Our P-256 private key, PEM (for --cert or --rpk).", valueName: "FILE"))
    var key: String?

    @Flag(help: "Authenticate with --key as a raw public key (RFC 7250).")
    var rpk = false

    @Option(help: ArgumentHelp("Trust anchors for the peer's certificate chain, PEM.", valueName: "FILE"))
    var ca: String?

    @Option(name: .customLong("peer-key"), help: ArgumentHelp("Pin the peer's raw public key (PEM or DER SubjectPublicKeyInfo); repeatable.", valueName: "FILE"))
    var peerKeys: [String] = []

    @Option(help: ArgumentHelp("Cipher suites to offer or accept, by IANA name, comma-separated, most preferred first.", valueName: "LIST"))
    var ciphers: String?

    @Option(help: "Largest UDP payload to send, in bytes (64 to 65507).")
    var mtu: Int = 1232

    @Option(help: ArgumentHelp("Negotiate connection IDs (RFC 9146), asking the peer to put a random ID of LEN bytes (0 to 32) in its records.", valueName: "LEN"))
    var cid: Int?

    @Flag(name: .customLong("cid-legacy"), help: "Use mbed TLS 2.x's connection ID extension (254) and record layout instead of RFC 9146's.")
    var cidLegacy = false

    @Option(name: .customLong("record-size-limit"), help: ArgumentHelp("Announce the largest record plaintext we accept (RFC 8449), 64 to 16384.", valueName: "N"))
    var recordSizeLimit: Int?

    @Option(help: ArgumentHelp("Append NSS key log lines (CLIENT_RANDOM) to FILE for Wireshark.", valueName: "FILE"))
    var keylog: String?

    @Flag(help: "Describe the handshake on stderr.")
    var verbose = false

    func validate() throws {
        guard (64...65507).contains(mtu) else { throw ValidationError("--mtu must be between 64 and 65507") }
        if let pskHex { _ = try Hex.decode(pskHex, name: "--psk") }
        guard (pskIdentity == nil) == (pskHex == nil) else { throw ValidationError("--psk-identity and --psk go together") }
        if cert != nil && rpk { throw ValidationError("--cert and --rpk exclude each other") }
        if (cert != nil || rpk) && key == nil { throw ValidationError("--cert and --rpk need --key") }
        if key != nil && cert == nil && !rpk { throw ValidationError("--key needs --cert or --rpk") }
        if ca != nil && !peerKeys.isEmpty { throw ValidationError("--ca and --peer-key exclude each other") }
        if let cid, !(0...32).contains(cid) { throw ValidationError("--cid must be between 0 and 32") }
        if cidLegacy && cid == nil { throw ValidationError("--cid-legacy needs --cid") }
        if let recordSizeLimit, !(64...16384).contains(recordSizeLimit) {
            throw ValidationError("--record-size-limit must be between 64 and 16384")
        }
        _ = try cipherSuites()
    }

    /// The suites named by `--ciphers`, if given.
    func cipherSuites() throws -> [CipherSuite]? {
        guard let ciphers else { return nil }
        return try ciphers.split(separator: ",").map { name in
            guard let suite = CipherSuite.supported.first(where: { $0.description == name.uppercased() }) else {
                let known = CipherSuite.supported.map(\.description).joined(separator: ", ")
                throw ValidationError("unknown cipher suite \(name); known: \(known)")
            }
            return suite
        }
    }

    /// Whether any credential for ECDHE_ECDSA or PSK was given.
    var hasPSK: Bool { pskIdentity != nil }
    var hasOwnKey: Bool { key != nil }
    var hasPeerTrust: Bool { ca != nil || !peerKeys.isEmpty }

    /// A configuration with every given option applied.
    func configuration() throws -> DTLSConfiguration {
        var configuration = DTLSConfiguration()
        configuration.maximumTransmissionUnit = mtu
        if let suites = try cipherSuites() { configuration.cipherSuites = suites }
        if let keylog {
            let file = try KeyLogFile(path: keylog)
            configuration.keyLog = { line in file.write(line) }
        }
        if let pskIdentity, let pskHex {
            configuration.pskCredentials = PSKCredentials(identity: pskIdentity, key: try Hex.decode(pskHex, name: "--psk"))
        }
        if let cid {
            configuration.connectionIDs = .random(length: cid, codePoint: cidLegacy ? .mbedTLSCompatibility : .rfc9146)
        }
        configuration.recordSizeLimit = recordSizeLimit
        configuration.certificateCredentials = try ownCredentials()
        configuration.peerAuthentication = try peerAuthentication()
        return configuration
    }

    private func ownCredentials() throws -> CertificateCredentials? {
        guard let key else { return nil }
        let keyBytes = try InputFile.read(key, option: "--key")
        if let cert {
            return try InputFile.parse("--cert/--key") {
                try PEMLoading.credentials(chain: try InputFile.read(cert, option: "--cert"), key: keyBytes)
            }
        }
        return .rawPublicKey(try InputFile.parse("--key") { try PEMLoading.privateKey(from: keyBytes) })
    }

    private func peerAuthentication() throws -> PeerAuthentication? {
        if let ca {
            let anchors = try InputFile.parse("--ca") { try PEMLoading.certificates(from: try InputFile.read(ca, option: "--ca")) }
            return .certificates(X509CertificateVerifier(trustAnchors: anchors))
        }
        guard !peerKeys.isEmpty else { return nil }
        let pinned = try peerKeys.map { path in
            try InputFile.parse("--peer-key") { try PEMLoading.subjectPublicKeyInfo(from: try InputFile.read(path, option: "--peer-key")) }
        }
        return .pinnedRawPublicKeys(pinned)
    }
}
