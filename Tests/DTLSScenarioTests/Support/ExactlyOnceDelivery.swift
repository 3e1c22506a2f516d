import DTLSSimulation
import Testing

extension SimulatedPair {
    /// Sends `count` distinct messages each way on an established pair, lets the link settle,
    /// and expects exactly-once delivery.
    ///
    /// DTLS does not retransmit application records, so "exactly once" means: every message
    /// whose datagram the link delivered at least once (``Transmission/copies`` > 0) reaches the
    /// other side's application exactly once, whatever duplication and reordering did to it,
    /// and no message whose datagram was lost appears.
    func expectExactlyOnceDelivery(count: Int, context: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let fromClient = Fixtures.messages(count, tag: "c")
        let fromServer = Fixtures.messages(count, tag: "s")
        let receivedBefore = (client: clientReceived.count, server: serverReceived.count)
        var expectedAtServer: [String] = []
        var expectedAtClient: [String] = []
        for index in 0..<count {
            let sentByClient = try send(fromClient[index], from: .client)
            if transmissions[sentByClient].copies > 0 { expectedAtServer.append(String(decoding: fromClient[index], as: UTF8.self)) }
            let sentByServer = try send(fromServer[index], from: .server)
            if transmissions[sentByServer].copies > 0 { expectedAtClient.append(String(decoding: fromServer[index], as: UTF8.self)) }
        }
        run(until: { false }, timeLimit: .seconds(5))
        let atServer = received(on: .server).dropFirst(receivedBefore.server)
        let atClient = received(on: .client).dropFirst(receivedBefore.client)
        #expect(atServer.sorted() == expectedAtServer.sorted(), context, sourceLocation: sourceLocation)
        #expect(atClient.sorted() == expectedAtClient.sorted(), context, sourceLocation: sourceLocation)
    }
}
