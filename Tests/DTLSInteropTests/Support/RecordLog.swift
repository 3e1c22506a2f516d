import NIODTLS
import Synchronization

/// The application records one end delivered, as text, in order.
final class RecordLog: Sendable {
    private let records = Mutex<[String]>([])

    /// Records `record`.
    func append(_ record: String) {
        records.withLock { $0.append(record) }
    }

    /// The records so far.
    var all: [String] { records.withLock { $0 } }

    /// The lines of the records so far (a peer may pack several lines into one record).
    var lines: [String] {
        all.flatMap { $0.split(separator: "\n").map(String.init) }
    }

    /// Logs every record `connection` delivers until it ends; cancel the task to stop earlier.
    static func reading(_ connection: NIODTLSConnection) -> (RecordLog, Task<Void, Never>) {
        let log = RecordLog()
        let reader = Task {
            do {
                for try await record in connection.inbound {
                    log.append(String(buffer: record))
                }
            } catch {}
        }
        return (log, reader)
    }
}
