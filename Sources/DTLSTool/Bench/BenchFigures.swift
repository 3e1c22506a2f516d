/// Named figures in measurement order.
struct BenchFigures {
    private var entries: [(name: String, value: Double, unit: String)] = []

    mutating func add(_ name: String, _ value: Double, _ unit: String) {
        entries.append((name, value, unit))
    }

    func value(_ name: String) -> Double? {
        entries.first { $0.name == name }?.value
    }

    var lines: String {
        entries.map { "\($0.name) \(format($0.value)) \($0.unit)" }.joined(separator: "\n")
    }

    var json: String {
        "{" + entries.map { "\"\($0.name)\": \(format($0.value))" }.joined(separator: ", ") + "}"
    }

    private func format(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e12 { return String(Int(value)) }
        return String((value * 100).rounded() / 100)
    }
}
