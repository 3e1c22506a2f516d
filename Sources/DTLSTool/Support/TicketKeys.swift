import DTLSCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ticket key rings for `dtls server --tickets`.
enum TicketKeys {
    /// Keys from `file` (96 hex digits a line, newest first), or one random key.
    static func ring(file: String?) throws -> DTLSTicketKeyRing {
        let keys: [DTLSTicketKeyRing.Key]
        if let file {
            let text = String(decoding: try InputFile.read(file, option: "--ticket-key-file"), as: UTF8.self)
            let lines = text.split(whereSeparator: \.isNewline).map { String($0.filter { !$0.isWhitespace }) }.filter { !$0.isEmpty }
            guard !lines.isEmpty else { throw CommandFailure.usage("--ticket-key-file \(file): no keys") }
            keys = try lines.map { line in
                try InputFile.parse("--ticket-key-file") { try DTLSTicketKeyRing.Key(material: try Hex.decode(line, name: "ticket key")) }
            }
        } else {
            var material = [UInt8](repeating: 0, count: 48)
            material.withUnsafeMutableBytes { SystemRandomSource().fill($0) }
            keys = [try DTLSTicketKeyRing.Key(material: material)]
        }
        return DTLSTicketKeyRing(keys: keys, wallClock: { UInt64(time(nil)) })
    }
}

