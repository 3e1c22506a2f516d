import ArgumentParser
import DTLSCore

/// Options shared by `client` and `server`: credentials, MTU, key log, verbosity.
struct SecurityOptions: ParsableArguments {
    @Option(name: .customLong("psk-identity"), help: "PSK identity (text).")
    var pskIdentity: String?

    @Option(name: .customLong("psk"), help: "PSK as hexadecimal.")
    var pskHex: String?

    @Option(help: "Largest UDP payload to send, in bytes (64 to 65507).")
    var mtu: Int = 1232

    @Option(help: "Append NSS key log lines (CLIENT_RANDOM) to FILE for Wireshark.")
    var keylog: String?

    @Flag(help: "Describe the handshake on stderr.")
    var verbose = false

    func validate() throws {
        guard (64...65507).contains(mtu) else { throw ValidationError("--mtu must be between 64 and 65507") }
        if let pskHex { _ = try Hex.decode(pskHex, name: "--psk") }
        guard (pskIdentity == nil) == (pskHex == nil) else {
            throw ValidationError("--psk-identity and --psk go together")
        }
    }

    /// The PSK identity and key, if given.
    func pskCredentials() throws -> PSKCredentials? {
        guard let pskIdentity, let pskHex else { return nil }
        return PSKCredentials(identity: pskIdentity, key: try Hex.decode(pskHex, name: "--psk"))
    }

    /// A configuration with the common settings applied.
    func baseConfiguration() throws -> DTLSConfiguration {
        var configuration = DTLSConfiguration()
        configuration.maximumTransmissionUnit = mtu
        if let keylog {
            let file = try KeyLogFile(path: keylog)
            configuration.keyLog = { line in file.write(line) }
        }
        return configuration
    }
}
