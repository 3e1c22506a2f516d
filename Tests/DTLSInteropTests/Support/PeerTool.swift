import Foundation

/// A program from another DTLS implementation that the interop tests run, found on `PATH`.
struct PeerTool: Sendable {
    /// The program's file name.
    let name: String
    /// The Debian package that provides it.
    let package: String

    static let openssl = PeerTool(name: "openssl", package: "openssl")
    static let gnutlsServer = PeerTool(name: "gnutls-serv", package: "gnutls-bin")
    static let gnutlsClient = PeerTool(name: "gnutls-cli", package: "gnutls-bin")

    /// Where the program is installed, if it is.
    var location: URL? {
        let directories = ProcessInfo.processInfo.environment["PATH", default: ""].split(separator: ":")
        return directories.lazy
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// The program's location; throws when it is not installed, which fails the test.
    func require() throws -> URL {
        guard let location else { throw PeerToolMissing(tool: self) }
        return location
    }
}

/// A peer program a test needs is not installed.
struct PeerToolMissing: Error, CustomStringConvertible {
    var tool: PeerTool

    var description: String {
        "\(tool.name) is not on PATH; install the Debian package \(tool.package) (scripts/test.sh does)"
    }
}
