#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading the files options name, with one-line errors.
enum InputFile {
    static func read(_ path: String, option: String) throws -> [UInt8] {
        guard let file = fopen(path, "rb") else {
            throw CommandFailure.usage("\(option) \(path): \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }

    /// Runs `body`, turning any parse failure into a usage error naming `option`.
    static func parse<T>(_ option: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure.usage("\(option): \(error)")
        }
    }

    /// Writes `text` to a new file readable only by its owner.
    static func writePrivate(_ text: String, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            throw CommandFailure.usage("cannot create \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var text = text
        let written = text.withUTF8 { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        guard written == text.utf8.count else {
            throw CommandFailure.failed("cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }
}
