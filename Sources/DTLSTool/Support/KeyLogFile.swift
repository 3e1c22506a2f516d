import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Appends NSS key log lines to a file, as Wireshark and tshark read them.
final class KeyLogFile: @unchecked Sendable {
    private let file: UnsafeMutablePointer<FILE>
    private let lock = Mutex(())

    init(path: String) throws {
        guard let file = fopen(path, "a") else {
            throw CommandFailure.usage("cannot open key log file \(path): \(String(cString: strerror(errno)))")
        }
        self.file = file
    }

    deinit { fclose(file) }

    func write(_ line: String) {
        lock.withLock { _ in
            fputs(line + "\n", file)
            fflush(file)
        }
    }
}
