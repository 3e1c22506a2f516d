import Foundation

/// Writes seed files: one directory per target, one file per seed.
struct CorpusWriter {
    let root: String

    /// Replaces `<root>/<target>/` with `seeds`, skipping repeated contents; repeated names get a number.
    func write(target: String, seeds: [Seed]) {
        let directory = URL(fileURLWithPath: root).appendingPathComponent(target)
        let files = FileManager.default
        try? files.removeItem(at: directory)
        try! files.createDirectory(at: directory, withIntermediateDirectories: true)
        var seen = Set<[UInt8]>()
        var names = Set<String>()
        var written = 0
        var bytes = 0
        for seed in seeds where seen.insert(seed.bytes).inserted {
            var name = seed.name
            var copy = 1
            while !names.insert(name).inserted {
                copy += 1
                name = "\(seed.name)-\(copy)"
            }
            try! Data(seed.bytes).write(to: directory.appendingPathComponent(name))
            written += 1
            bytes += seed.bytes.count
        }
        print("\(target): \(written) seeds, \(bytes) bytes")
    }
}
