import Foundation

/// A new, empty directory under the system's temporary directory, for files a test writes.
///
/// Call ``remove()`` in a `defer` right after creating one, so that nothing outlives the test.
public struct TemporaryDirectory: Sendable {
    /// Where the directory is.
    public let url: URL

    /// Creates a directory named `prefix` followed by a unique suffix.
    public init(prefix: String) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
    }

    /// The file `name` inside the directory (which need not exist).
    public func file(_ name: String) -> URL {
        url.appendingPathComponent(name)
    }

    /// Deletes the directory and everything in it.
    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
