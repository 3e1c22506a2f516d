import DTLSCore

/// Prints a relay log as flights: runs of datagrams in one direction.
struct Transcript {
    let entries: [LoggingRelay.Entry]
    let start: ContinuousClock.Instant
    /// The length of the connection ID the server asked for, found in the client's records.
    var serverConnectionIDLength = 0

    /// The handshake's flights and their totals, then whatever followed.
    func render(handshakeEntries count: Int) -> [String] {
        var lines: [String] = []
        var flight = 0
        var index = 0
        while index < entries.count {
            let fromClient = entries[index].fromClient
            var end = index
            while end < entries.count, entries[end].fromClient == fromClient, (end < count) == (index < count) { end += 1 }
            let group = entries[index..<end]
            let bytes = group.reduce(0) { $0 + $1.datagram.readableBytes }
            let direction = fromClient ? "client → server" : "server → client"
            let offset = milliseconds(start.duration(to: group.first!.time))
            let label = index < count ? { flight += 1; return "flight \(flight)" }() : "after   "
            let datagrams = group.count == 1 ? "1 datagram " : "\(group.count) datagrams"
            lines.append("\(label)  \(direction)  \(datagrams)  \(pad(bytes, 5)) bytes  at \(offset) ms")
            for entry in group {
                let records = DTLSWireInspector.records(in: entry.datagram, connectionIDLength: entry.fromClient ? serverConnectionIDLength : 0)
                lines.append("    [\(pad(entry.datagram.readableBytes, 4)) B] " + records.map(\.description).joined(separator: " | "))
            }
            index = end
        }
        return lines
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }
}

/// A duration in milliseconds, with one decimal.
func milliseconds(_ duration: Duration) -> String {
    let micro = duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000
    return "\(micro / 1000).\((micro % 1000) / 100)"
}
