import Foundation

/// The `dtls` executable SwiftPM builds next to the test bundle.
enum ToolExecutable {
    /// Finds `dtls` in the directory of the test bundle, or in the bundle itself where the
    /// bundle is a plain executable in the products directory.
    static func locate() throws -> URL {
        let bundle = Bundle(for: BundleMarker.self).bundleURL
        let candidates = [bundle, bundle.deletingLastPathComponent()].map { $0.appendingPathComponent("dtls") }
        guard let tool = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw ToolNotBuilt(searched: candidates)
        }
        return tool
    }
}

/// A class of this module, so `Bundle(for:)` finds the test bundle.
private final class BundleMarker {}

/// The `dtls` executable is not where the build puts it.
struct ToolNotBuilt: Error, CustomStringConvertible {
    var searched: [URL]

    var description: String {
        "no dtls executable at " + searched.map(\.path).joined(separator: " or ") + "; run swift build first"
    }
}
