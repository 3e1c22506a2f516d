import ArgumentParser
import Crypto

/// `dtls keygen`: a new P-256 key for certificates or raw public keys.
struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Create a P-256 private key (PEM, PKCS #8) and print its public key and SPKI fingerprint."
    )

    @Option(help: ArgumentHelp("Where to write the private key; the file must not exist yet.", valueName: "FILE"))
    var out: String

    func run() throws {
        let key = P256.Signing.PrivateKey()
        try InputFile.writePrivate(key.pemRepresentation + "\n", to: out)
        Terminal.output(Fingerprint.sha256(Array(key.publicKey.derRepresentation)))
        Terminal.output(key.publicKey.pemRepresentation)
    }
}
