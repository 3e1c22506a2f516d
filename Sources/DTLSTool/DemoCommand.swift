import ArgumentParser
import DTLSCore

/// `dtls demo`: servers and clients in one process, talking over loopback UDP.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run four scenes over loopback UDP and print their transcripts: PSK with cookie exchange, "
            + "ECDHE-ECDSA with raw public keys, session resumption by ticket, and a connection ID surviving an address change."
    )

    func run() async throws {
        try await DemoScenes.preSharedKey()
        Terminal.output("")
        try await DemoScenes.rawPublicKeys()
        Terminal.output("")
        try await DemoScenes.resumption()
        Terminal.output("")
        try await DemoScenes.connectionID()
    }
}

extension DTLSRandomSource {
    /// Random bytes for the demo's throwaway keys.
    func bytesForDemo(_ count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        bytes.withUnsafeMutableBytes { fill($0) }
        return bytes
    }
}
