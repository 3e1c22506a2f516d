#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Output helpers: results to stdout, diagnostics to stderr. Unbuffered, so output
/// interleaves correctly with other processes in scripts.
enum Terminal {
    /// One diagnostic line, prefixed with the tool's name.
    static func error(_ message: String) {
        write("dtls: \(message)\n", to: STDERR_FILENO)
    }

    /// A progress line for `--verbose`.
    static func note(_ message: String) {
        write("\(message)\n", to: STDERR_FILENO)
    }

    /// A result line.
    static func output(_ text: String) {
        write("\(text)\n", to: STDOUT_FILENO)
    }

    private static func write(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                guard written > 0 else { return }
                offset += written
            }
        }
    }
}
