import DTLSCore
import NIOCore
import Testing

/// Expects every protected record (epoch 1 on: Finished, application data, alerts) in
/// `datagrams` to carry `connectionID` as RFC 9146 §4 lays out: a `tls12_cid` record with that
/// ID, or an ordinary record when the ID is zero-length; and at least `minimum` such records.
/// Returns the protected records.
@discardableResult
func expectProtectedRecords(
    in datagrams: [ByteBuffer],
    carry connectionID: TestConnectionID,
    atLeast minimum: Int,
    _ what: String,
    sourceLocation: SourceLocation = #_sourceLocation
) -> [ObservedRecord] {
    let records = datagrams.flatMap { ObservedRecord.records(in: $0, connectionIDLength: connectionID.bytes.count) }
    let protected = records.filter { $0.epoch > 0 }
    #expect(protected.count >= minimum, "\(what): \(records)", sourceLocation: sourceLocation)
    for record in protected {
        if connectionID.bytes.isEmpty {
            #expect(record.contentType != .connectionID, "\(what): \(record)", sourceLocation: sourceLocation)
        } else {
            #expect(record.contentType == .connectionID, "\(what): \(record)", sourceLocation: sourceLocation)
            #expect(record.connectionID == connectionID.bytes, "\(what): \(record)", sourceLocation: sourceLocation)
        }
    }
    // Before the ChangeCipherSpec nothing carries an ID.
    let unprotected = records.filter { $0.epoch == 0 }
    #expect(unprotected.allSatisfy { $0.contentType != .connectionID }, "\(what): \(records)", sourceLocation: sourceLocation)
    return protected
}
