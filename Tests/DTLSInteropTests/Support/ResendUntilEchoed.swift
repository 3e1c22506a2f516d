import Testing

/// Reliable delivery of a few messages over a lossy path, for the application data of tests:
/// DTLS does not retransmit application data, so every message whose echo has not come back
/// is sent again, each round.
///
/// All messages go out together, so the path can reorder them. Every transmission carries
/// a payload of its own, `<message>#<round>`, so that a payload that shows up twice at either
/// end is a record delivered twice, never a retry.
struct ResendUntilEchoed: Sendable {
    /// How long a round waits for the echoes before sending the missing messages again.
    var roundTimeout = Duration.seconds(1)
    /// How many rounds before giving up.
    var maximumRounds = 12
    /// The pause between two transmissions of a round, so that peers reading lines from a
    /// pipe send each payload as a record of its own.
    var spacing = Duration.milliseconds(20)

    /// What was sent.
    struct Transcript: Sendable {
        /// The messages, in order.
        var messages: [String] = []
        /// The payloads sent for each message, in order.
        var payloads: [String: [String]] = [:]

        /// How many transmissions it took, all messages together.
        var transmissions: Int { payloads.values.reduce(0) { $0 + $1.count } }

        /// The messages none of whose payloads is in `echoes`.
        func missing(from echoes: [String]) -> [String] {
            let echoed = Set(echoes)
            return messages.filter { !payloads[$0, default: []].contains(where: echoed.contains) }
        }
    }

    /// Sends `messages` through `send`, then those without an echo among `echoes()` again
    /// every ``roundTimeout``, as new payloads, until all have one. Throws
    /// ``MessagesNotEchoed`` after ``maximumRounds`` rounds without.
    func deliver(
        _ messages: [String],
        send: (String) async throws -> Void,
        echoes: () -> [String]
    ) async throws -> Transcript {
        var transcript = Transcript(messages: messages)
        for round in 1...maximumRounds {
            for message in transcript.missing(from: echoes()) {
                let payload = "\(message)#\(round)"
                transcript.payloads[message, default: []].append(payload)
                try await send(payload)
                try await Task.sleep(for: spacing)
            }
            let deadline = ContinuousClock.now + roundTimeout
            while ContinuousClock.now < deadline, !transcript.missing(from: echoes()).isEmpty {
                try await Task.sleep(for: .milliseconds(10))
            }
            if transcript.missing(from: echoes()).isEmpty { return transcript }
        }
        throw MessagesNotEchoed(missing: transcript.missing(from: echoes()), rounds: maximumRounds, echoes: echoes())
    }
}

extension ResendUntilEchoed.Transcript {
    /// Expects `delivered`, the lines one end delivered to its application, to hold at least
    /// one payload of every message and no payload twice. Lines that are no payload of these
    /// messages (a peer's progress output) are ignored.
    func expectDeliveredOnce(
        _ delivered: [String],
        by end: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let sent = Set(payloads.values.joined())
        let counts = Dictionary(delivered.filter(sent.contains).map { ($0, 1) }, uniquingKeysWith: +)
        #expect(missing(from: delivered).isEmpty, "\(end) delivered none of the payloads of \(missing(from: delivered))", sourceLocation: sourceLocation)
        let repeated = counts.filter { $0.value > 1 }.keys.sorted()
        #expect(repeated.isEmpty, "\(end) delivered \(repeated) more than once", sourceLocation: sourceLocation)
    }
}

/// Messages whose echoes never came back.
struct MessagesNotEchoed: Error, CustomStringConvertible {
    var missing: [String]
    var rounds: Int
    var echoes: [String]

    var description: String { "no echo of \(missing) after \(rounds) rounds; echoes: \(echoes)" }
}
