import NIOCore

/// One DTLS 1.2 association, without I/O: datagrams and the current time go in; datagrams to
/// send, decrypted data, events and the next timer deadline come out.
///
/// Drive it like this: feed each received datagram to ``receive(datagram:now:)``, call
/// ``handleTimeout(now:)`` once ``nextDeadline`` passes, and after every call drain
/// ``nextEvent()`` until it returns nil. Time is never read from a clock, so the same inputs
/// always give the same outputs.
///
/// A connection is a reference type with a single owner: a copy of its state would duplicate
/// record sequence numbers and so reuse AEAD nonces. It is not thread-safe; confine it to one
/// thread or event loop. After a fatal error it stays failed: every later call is a no-op or
/// throws ``DTLSError/Code/connectionClosed``.
public final class DTLSConnection {
    private enum Machine {
        case client(ClientHandshake)
        /// A server connection before it accepted a ClientHello.
        case serverAwaitingHello
        case server(ServerHandshake)
    }

    private enum Phase: Equatable {
        case handshaking
        case established
        case closed
    }

    /// Which side this endpoint plays.
    public let role: Role
    /// Traffic and drop counters.
    public private(set) var statistics = DTLSStatistics()
    /// What the handshake negotiated, once it completed.
    public private(set) var sessionInfo: DTLSSessionInfo?
    /// The error that ended the connection, if one did.
    public private(set) var failure: DTLSError?

    private let configuration: DTLSConfiguration
    private let helloVerifier: HelloVerifier?
    private let peerAddress: [UInt8]
    private var machine: Machine
    private var phase = Phase.handshaking
    private var recordLayer = RecordLayer()
    private var reassembler: HandshakeReassembler
    private var transmitter: FlightTransmitter
    private var events = CircularBuffer<DTLSEvent>(initialCapacity: 4)
    /// Records of the next epoch that arrived before its keys (copied out of their datagrams).
    private var futureRecords: [ByteBuffer] = []
    /// Application data authenticated before the handshake completed.
    private var earlyApplicationData: [ByteBuffer] = []
    private var changeCipherSpecPending = false
    /// The peer message whose repetition means the peer lost our current flight.
    private var retransmitTrigger: UInt16?
    /// When the handshake must have completed, if the configuration limits it.
    private var handshakeDeadline: DTLSInstant?
    /// Set while receiving when a protected record newer than all before it authenticated.
    private var receivedNewest = false
    /// Record plaintext sizes agreed in the hellos (RFC 6066, RFC 8449).
    private var recordSizeLimits = RecordSizeLimits.unlimited
    /// The newest epoch in which a protected record failed to authenticate during the handshake.
    private var unauthenticatedEpoch: UInt16?

    /// Creates a client and queues its first flight.
    public init(client configuration: DTLSConfiguration, now: DTLSInstant) throws(DTLSError) {
        try configuration.validate(for: .client)
        self.role = .client
        self.configuration = configuration
        self.helloVerifier = nil
        self.peerAddress = []
        self.reassembler = HandshakeReassembler(limits: configuration.limits)
        self.transmitter = FlightTransmitter(policy: configuration.retransmission)
        let (handshake, actions) = ClientHandshake.start(configuration: configuration)
        self.machine = .client(handshake)
        self.handshakeDeadline = configuration.handshakeTimeout.map { now.advanced(by: $0) }
        apply(actions, triggeredBy: nil, now: now)
    }

    /// Creates a server connection for one peer; normally made by ``DTLSServer``.
    init(server configuration: DTLSConfiguration, helloVerifier: HelloVerifier?, peerAddress: [UInt8]) {
        self.role = .server
        self.configuration = configuration
        self.helloVerifier = helloVerifier
        self.peerAddress = peerAddress
        self.machine = .serverAwaitingHello
        self.reassembler = HandshakeReassembler(limits: configuration.limits)
        self.transmitter = FlightTransmitter(policy: configuration.retransmission)
    }

    // MARK: Public state

    /// Whether the handshake completed and the connection is open.
    public var isEstablished: Bool { phase == .established }

    /// Whether the connection ended (closed or failed).
    public var isClosed: Bool { phase == .closed }

    /// When ``handleTimeout(now:)`` must next be called, if a timer runs.
    public var nextDeadline: DTLSInstant? {
        switch phase {
        case .closed: nil
        case .established: transmitter.deadline
        case .handshaking: [transmitter.deadline, handshakeDeadline].compactMap { $0 }.min()
        }
    }

    /// The largest application payload ``send(_:now:)`` accepts: one record within the MTU.
    public var maximumApplicationDataSize: Int {
        min(recordSizeLimits.sending, configuration.maximumTransmissionUnit - recordLayer.recordOverhead(epoch: recordLayer.currentWriteEpoch))
    }

    /// The next output, oldest first; nil when there is nothing more.
    public func nextEvent() -> DTLSEvent? {
        events.popFirst()
    }

    /// What the handshake waits for, for timeout messages.
    private var awaiting: String {
        switch machine {
        case .client(let handshake): handshake.awaiting + handshake.timeoutHint
        case .server(let handshake): handshake.awaiting
        case .serverAwaitingHello: "ClientHello"
        }
    }

    // MARK: Inputs

    /// Processes one received datagram.
    ///
    /// Records are decrypted in place: pass a buffer nobody else holds (`consume` it) and the
    /// receive path copies nothing; a shared buffer is copied once.
    ///
    /// - Returns: what its records did; a multi-peer server uses it to tell which of two
    ///   associations a datagram belongs to, and whether a peer that changed address may be
    ///   followed there (RFC 9146 §6).
    @discardableResult
    public func receive(datagram: consuming ByteBuffer, now: DTLSInstant) -> DTLSReceiveResult {
        guard phase != .closed else {
            statistics.recordDrop(.connectionClosed)
            return DTLSReceiveResult()
        }
        statistics.datagramsReceived += 1
        statistics.bytesReceived += datagram.readableBytes
        let before = statistics.recordsAuthenticated
        receivedNewest = false
        process(datagram: consume datagram, now: now)
        return DTLSReceiveResult(
            authenticatedRecords: statistics.recordsAuthenticated - before,
            advancedHighestRecord: receivedNewest
        )
    }

    /// Runs the retransmission timer; call when ``nextDeadline`` has passed.
    public func handleTimeout(now: DTLSInstant) {
        guard phase != .closed else { return }
        if phase == .handshaking, let handshakeDeadline, now >= handshakeDeadline {
            let limit = configuration.handshakeTimeout.map { "\($0)" } ?? "the limit"
            fail(DTLSError(.handshakeTimeout, "handshake incomplete after \(limit) while waiting for \(awaiting)"))
            return
        }
        let expiry = transmitter.expire(now: now)
        if expiry != .notDue, phase == .handshaking, let epoch = unauthenticatedEpoch, !recordLayer.hasAuthenticatedRecords(inEpoch: epoch) {
            fail(DTLSError(.peerRecordsNotAuthenticated, "the peer's epoch \(epoch) records do not authenticate (different PSK?)"))
            return
        }
        switch expiry {
        case .notDue:
            break
        case .retransmit:
            statistics.flightRetransmissions += 1
            transmitCurrentFlight()
        case .giveUp:
            let retransmissions = configuration.retransmission.maximumRetransmissions
            fail(DTLSError(.handshakeTimeout, "no answer after \(retransmissions) retransmissions while waiting for \(awaiting)"))
        }
    }

    /// Encrypts `data` as one application record.
    public func send(_ data: ByteBuffer, now: DTLSInstant) throws(DTLSError) {
        switch phase {
        case .closed: throw DTLSError(.connectionClosed, failure.map { "connection failed: \($0)" } ?? "connection closed")
        case .handshaking: throw DTLSError(.notEstablished, "the handshake has not completed")
        case .established: break
        }
        guard data.readableBytes <= maximumApplicationDataSize else {
            throw DTLSError(.recordTooLarge, "\(data.readableBytes) bytes exceed the \(maximumApplicationDataSize)-byte record limit")
        }
        var datagram = ByteBuffer()
        datagram.reserveCapacity(data.readableBytes + recordLayer.recordOverhead(epoch: recordLayer.currentWriteEpoch))
        do {
            try recordLayer.appendRecord(type: .applicationData, payload: data, epoch: recordLayer.currentWriteEpoch, to: &datagram)
        } catch {
            fail(error)
            throw error
        }
        emit(datagram, handshake: false)
    }

    /// Hands over the verdict on the peer's certificate chain asked for by
    /// ``DTLSEvent/verifyPeer(_:)``; the handshake then continues or fails.
    public func completePeerVerification(_ verdict: DTLSPeerVerdict, now: DTLSInstant) {
        guard phase == .handshaking, isAwaitingVerification else { return }
        do {
            let actions: [HandshakeAction]
            switch machine {
            case .client(var handshake):
                actions = try handshake.receive(verdict)
                machine = .client(handshake)
            case .server(var handshake):
                actions = try handshake.receive(verdict)
                machine = .server(handshake)
            case .serverAwaitingHello:
                return
            }
            apply(actions, triggeredBy: nil, now: now)
        } catch {
            fail(error)
            return
        }
        processHandshakeMessages(now: now)
        if changeCipherSpecPending { applyChangeCipherSpec(now: now) }
        drainFutureRecords(now: now)
    }

    /// Whether the handshake is parked until ``completePeerVerification(_:now:)``.
    public var isAwaitingVerification: Bool {
        switch machine {
        case .client(let handshake): handshake.isAwaitingVerification
        case .server(let handshake): handshake.isAwaitingVerification
        case .serverAwaitingHello: false
        }
    }

    /// Sends close_notify and ends the connection (RFC 5246 §7.2.1).
    public func close(now: DTLSInstant) {
        guard phase != .closed else { return }
        sendAlert(Alert(level: .warning, description: .closeNotify))
        finish(with: nil)
    }

    // MARK: Records

    private func process(datagram: consuming ByteBuffer, now: DTLSInstant) {
        var datagram = datagram
        var index = datagram.readerIndex
        var malformed = false
        while phase != .closed,
            let record = DatagramRecords.next(
                in: datagram,
                at: &index,
                malformed: &malformed,
                connectionIDLength: recordLayer.receivingConnectionIDLength
            )
        {
            process(record, in: &datagram, now: now)
            drainFutureRecords(now: now)
        }
        if malformed { statistics.recordDrop(.malformedRecord) }
    }

    private func process(_ record: IncomingRecord, in datagram: inout ByteBuffer, now: DTLSInstant) {
        switch recordLayer.open(record, in: &datagram) {
        case .dropped(let reason):
            statistics.recordDrop(reason)
            if reason == .authenticationFailed, phase == .handshaking, record.header.epoch > 0 {
                // Never fatal on arrival: a forged record must not stop the genuine one behind it.
                // If nothing under these keys authenticates before the timer expires, the peer
                // derived other keys (almost always from a different PSK); see handleTimeout.
                unauthenticatedEpoch = record.header.epoch
            }
        case .futureEpoch:
            guard phase == .handshaking, futureRecords.count < configuration.limits.maximumBufferedFutureRecords else {
                statistics.recordDrop(.futureEpochQueueFull)
                return
            }
            futureRecords.append(ByteBuffer(buffer: datagram.getSlice(at: record.recordIndex, length: record.recordLength)!))
        case .plaintext(let type, let plaintext):
            guard plaintext.readableBytes <= recordSizeLimits.receiving else {
                // Only an authenticated record may end the connection (RFC 6066 §4, RFC 8449 §4).
                if record.header.epoch > 0 {
                    fail(DTLSError(.recordOverflow, "a \(plaintext.readableBytes)-byte record exceeds the \(recordSizeLimits.receiving)-byte limit"))
                } else {
                    statistics.recordDrop(.malformedRecord)
                }
                return
            }
            statistics.recordsAuthenticated += 1
            if record.header.epoch > 0, recordLayer.isNewest(record) { receivedNewest = true }
            let header = record.header
            switch type {
            case .handshake: receiveHandshake(plaintext, epoch: header.epoch, recordSequence: header.sequenceNumber, now: now)
            case .changeCipherSpec: receiveChangeCipherSpec(plaintext, now: now)
            case .alert: receiveAlert(plaintext, epoch: header.epoch)
            case .applicationData: receiveApplicationData(plaintext, epoch: header.epoch)
            default: statistics.recordDrop(.unexpectedContentType)
            }
        }
    }

    /// Processes held records of an epoch whose keys have arrived since.
    private func drainFutureRecords(now: DTLSInstant) {
        while !futureRecords.isEmpty, phase != .closed {
            let records = futureRecords
            futureRecords = []
            for record in records {
                var held = record
                var index = held.readerIndex
                var malformed = false
                guard
                    let incoming = DatagramRecords.next(
                        in: held,
                        at: &index,
                        malformed: &malformed,
                        connectionIDLength: recordLayer.receivingConnectionIDLength
                    )
                else { continue }
                if incoming.header.epoch > recordLayer.currentReadEpoch {
                    futureRecords.append(held)
                } else {
                    process(incoming, in: &held, now: now)
                }
            }
            // Stop once nothing in the queue can be opened yet.
            if futureRecords.allSatisfy({ $0.getInteger(at: $0.readerIndex + 3, as: UInt16.self)! > recordLayer.currentReadEpoch }) {
                return
            }
        }
    }

    // MARK: Content types

    private func receiveHandshake(_ plaintext: ByteBuffer, epoch: UInt16, recordSequence: UInt64, now: DTLSInstant) {
        guard let fragments = try? HandshakeFragment.readAll(from: plaintext) else {
            statistics.recordDrop(.malformedHandshakeFragment)
            return
        }
        if case .serverAwaitingHello = machine {
            acceptInitialHello(fragments, epoch: epoch, recordSequence: recordSequence, now: now)
            return
        }
        for fragment in fragments {
            switch reassembler.add(fragment, epoch: epoch) {
            case .accepted:
                break
            case .alreadyProcessed:
                // The peer repeated its last flight: it has probably lost ours (RFC 6347 §4.2.4).
                if fragment.header.messageSequence == retransmitTrigger, fragment.header.fragmentOffset == 0,
                    transmitter.peerRetransmitted(now: now)
                {
                    statistics.flightRetransmissions += 1
                    transmitCurrentFlight()
                }
            case .rejected(let reason):
                statistics.recordDrop(reason)
            }
        }
        processHandshakeMessages(now: now)
    }

    private func acceptInitialHello(_ fragments: [HandshakeFragment], epoch: UInt16, recordSequence: UInt64, now: DTLSInstant) {
        if let initial = HelloVerifier.initialHello(in: fragments, epoch: epoch, recordSequence: recordSequence) {
            accept(initial, now: now)
            return
        }
        // Without the cookie exchange the server may hold state, so it can reassemble a
        // fragmented ClientHello; with it, a hello must fit one datagram to be checked statelessly.
        guard helloVerifier == nil, epoch == 0, fragments.allSatisfy({ $0.header.messageType == .clientHello }) else {
            statistics.recordDrop(helloVerifier == nil ? .malformedHandshakeFragment : .fragmentedClientHello)
            return
        }
        for fragment in fragments {
            if reassembler.isEmpty { reassembler.reset(nextSequence: fragment.header.messageSequence) }
            if case .rejected(let reason) = reassembler.add(fragment, epoch: epoch) { statistics.recordDrop(reason) }
        }
        guard let message = reassembler.nextMessage() else { return }
        guard let hello = try? ClientHello.decode(message.body, context: "ClientHello") else {
            statistics.recordDrop(.malformedHandshakeFragment)
            return
        }
        accept(HelloVerifier.InitialHello(hello: hello, message: message, recordSequence: recordSequence), now: now)
    }

    private func accept(_ initial: HelloVerifier.InitialHello, now: DTLSInstant) {
        if let helloVerifier, !helloVerifier.admits(initial, peerAddress: peerAddress, configuration: configuration, now: now) {
            statistics.recordDrop(.invalidCookie)
            emit(helloVerifier.helloVerifyRequest(for: initial, peerAddress: peerAddress, now: now), handshake: true)
            return
        }
        recordLayer.setInitialSequence(initial.recordSequence)
        handshakeDeadline = configuration.handshakeTimeout.map { now.advanced(by: $0) }
        do {
            let (handshake, actions) = try ServerHandshake.start(
                configuration: configuration,
                clientHello: initial.message,
                hello: initial.hello,
                resumption: ServerResumption.candidate(for: initial.hello, configuration: configuration, now: now)
            )
            machine = .server(handshake)
            reassembler.reset(nextSequence: initial.message.sequence &+ 1)
            apply(actions, triggeredBy: initial.message.sequence, now: now)
        } catch {
            fail(error)
        }
    }

    private func processHandshakeMessages(now: DTLSInstant) {
        while phase != .closed, !isAwaitingVerification, let message = reassembler.nextMessage() {
            do {
                let actions: [HandshakeAction]
                switch machine {
                case .client(var handshake):
                    actions = try handshake.receive(message)
                    machine = .client(handshake)
                case .server(var handshake):
                    actions = try handshake.receive(message)
                    machine = .server(handshake)
                case .serverAwaitingHello:
                    return
                }
                apply(actions, triggeredBy: message.sequence, now: now)
                if changeCipherSpecPending { applyChangeCipherSpec(now: now) }
            } catch {
                fail(error)
            }
        }
    }

    private func receiveChangeCipherSpec(_ plaintext: ByteBuffer, now: DTLSInstant) {
        guard (try? ChangeCipherSpec.decode(plaintext, context: "ChangeCipherSpec")) != nil else {
            statistics.recordDrop(.unexpectedChangeCipherSpec)
            return
        }
        changeCipherSpecPending = true
        applyChangeCipherSpec(now: now)
    }

    /// Applies a received ChangeCipherSpec if the handshake is ready for it; keeps it if it
    /// came early (datagrams reorder) and drops it if it can never apply.
    private func applyChangeCipherSpec(now: DTLSInstant) {
        let outcome: ChangeCipherSpecOutcome
        switch machine {
        case .client(var handshake):
            outcome = handshake.receiveChangeCipherSpec()
            machine = .client(handshake)
        case .server(var handshake):
            outcome = handshake.receiveChangeCipherSpec()
            machine = .server(handshake)
        case .serverAwaitingHello:
            outcome = .ignored
        }
        switch outcome {
        case .applied(let actions):
            changeCipherSpecPending = false
            if !reassembler.isEmpty {
                // Every message before the ChangeCipherSpec is in, so what is still buffered lies
                // beyond it in epoch 0, where no genuine peer sends anything: drop it rather than
                // let it complete with data from the new epoch.
                reassembler.discardPending()
                statistics.recordDrop(.strayHandshakeFragment)
            }
            apply(actions, triggeredBy: nil, now: now)
        case .early:
            break
        case .ignored:
            changeCipherSpecPending = false
            statistics.recordDrop(.unexpectedChangeCipherSpec)
        }
    }

    private func receiveAlert(_ plaintext: ByteBuffer, epoch: UInt16) {
        guard let alert = try? Alert.decode(plaintext, context: "alert"),
            phase == .handshaking || epoch == recordLayer.currentReadEpoch
        else {
            // After the handshake only authenticated alerts count.
            statistics.recordDrop(.unusableAlert)
            return
        }
        if alert.alertDescription == .closeNotify {
            sendAlert(Alert(level: .warning, description: .closeNotify))
            finish(with: nil)
        } else if alert.level == .warning {
            // RFC 7925 §6: warnings may be ignored; the connection stays up.
            return
        } else {
            finish(with: DTLSError(.alertReceived, "peer sent a fatal alert", peerAlert: alert.alertDescription))
        }
    }

    private func receiveApplicationData(_ plaintext: ByteBuffer, epoch: UInt16) {
        guard epoch > 0 else {
            // Never accept unprotected application data.
            statistics.recordDrop(.unexpectedContentType)
            return
        }
        switch phase {
        case .established:
            events.append(.applicationData(plaintext))
        case .handshaking:
            guard earlyApplicationData.count < configuration.limits.maximumEarlyApplicationRecords else {
                statistics.recordDrop(.earlyApplicationDataQueueFull)
                return
            }
            earlyApplicationData.append(plaintext)
        case .closed:
            statistics.recordDrop(.connectionClosed)
        }
    }

    // MARK: Actions

    private func apply(_ actions: [HandshakeAction], triggeredBy trigger: UInt16?, now: DTLSInstant) {
        for action in actions where phase != .closed {
            switch action {
            case .installWriteEpoch(let protection):
                recordLayer.installWriteEpoch(protection)
            case .installReadEpoch(let protection):
                recordLayer.installReadEpoch(protection)
            case .send(let flight):
                retransmitTrigger = trigger
                transmitter.start(flight, now: now)
                transmitCurrentFlight()
            case .exportKeyLog(let clientRandom, let masterSecret):
                configuration.keyLog?("CLIENT_RANDOM \(clientRandom.hexString) \(masterSecret.hexString)")
            case .limitRecordSizes(let limits):
                recordSizeLimits = limits
            case .useConnectionIDs(let connectionIDs):
                recordLayer.useConnectionIDs(connectionIDs)
            case .cacheSession(let session):
                configuration.sessionCache?.store(session, now: now)
            case .requestPeerVerification(let request):
                events.append(.verifyPeer(request))
            case .sendWarning(let description):
                sendAlert(Alert(level: .warning, description: description))
            case .complete(let info):
                complete(info)
            }
        }
    }

    private func complete(_ negotiated: DTLSSessionInfo) {
        var info = negotiated
        info.sendingRecordLimit = recordSizeLimits.sending
        info.receivingRecordLimit = recordSizeLimits.receiving
        phase = .established
        sessionInfo = info
        if transmitter.flight?.expectsResponse == true { transmitter.stop() }
        recordLayer.retireOldReadEpochs()
        futureRecords.removeAll()
        events.append(.handshakeCompleted(info))
        for data in earlyApplicationData { events.append(.applicationData(data)) }
        earlyApplicationData.removeAll()
    }

    private func transmitCurrentFlight() {
        guard let flight = transmitter.flight else { return }
        do {
            let datagrams = try FlightPacker.datagrams(
                for: flight,
                maximumTransmissionUnit: configuration.maximumTransmissionUnit,
                maximumPlaintext: recordSizeLimits.sending,
                recordLayer: &recordLayer
            )
            for datagram in datagrams { emit(datagram, handshake: true) }
        } catch {
            fail(error)
        }
    }

    private func sendAlert(_ alert: Alert) {
        var datagram = ByteBuffer()
        // Cannot fail for lack of sequence numbers in practice; an alert is best effort anyway.
        try? recordLayer.appendRecord(type: .alert, payload: alert.encoded, epoch: recordLayer.currentWriteEpoch, to: &datagram)
        if datagram.readableBytes > 0 { emit(datagram, handshake: false) }
    }

    private func emit(_ datagram: ByteBuffer, handshake: Bool) {
        statistics.datagramsSent += 1
        statistics.bytesSent += datagram.readableBytes
        if handshake {
            statistics.handshakeDatagramsSent += 1
            statistics.handshakeBytesSent += datagram.readableBytes
        }
        events.append(.transmit(datagram))
    }

    /// Ends the connection with `error`, sending the alert the error maps to.
    private func fail(_ error: DTLSError) {
        guard phase != .closed else { return }
        if let description = error.alertToSend {
            sendAlert(Alert(level: .fatal, description: description))
        }
        finish(with: error)
    }

    private func finish(with error: DTLSError?) {
        phase = .closed
        failure = error
        transmitter.stop()
        futureRecords.removeAll()
        earlyApplicationData.removeAll()
        events.append(.closed(error))
    }
}

extension Array where Element == UInt8 {
    /// Lower-case hexadecimal, two digits a byte.
    var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(count * 2)
        for byte in self {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

/// What ``DTLSConnection/receive(datagram:now:)`` made of one datagram.
public struct DTLSReceiveResult: Sendable, Hashable {
    /// How many of its records authenticated (plaintext handshake records included).
    public var authenticatedRecords = 0
    /// Whether a protected record newer (by epoch and sequence number) than every earlier
    /// authenticated one was among them: only such a datagram may move a peer's address.
    public var advancedHighestRecord = false
}
