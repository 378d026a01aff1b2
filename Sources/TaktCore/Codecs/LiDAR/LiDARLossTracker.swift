/// Live, exact loss accounting for one LiDAR sensor: a value-type state machine fed decoded packet headers in
/// arrival order.
///
/// ```swift
/// var tracker = LiDARLossTracker(sequencing: .ouster(metadata.format))
/// for event in events { for action in tracker.handle(event) { log(action) } }
/// tracker.counters   // lost / duplicates / outOfOrder / malformed / frames …
/// ```
/// Gaps, duplicates and reordering come from `SequenceLedger`; frames are closed (and their completeness
/// recorded) once two newer frames have started, so a late packet still counts towards its frame. Silence is
/// declared on a `.tick` at least `silenceThreshold` after the last packet; the next packet ends it and the gap is
/// recorded in `silences`.
public struct LiDARLossTracker: Sendable {
    public let sequencing: LiDARSequencing
    public let silenceThreshold: Duration
    public private(set) var counters = LiDARLossCounters()
    public private(set) var rate = LiDARRateMeter()
    public private(set) var state: LiDARLinkState = .waiting
    /// Closed frames, oldest first.
    public private(set) var frames: [LiDARFrameRecord] = []
    public private(set) var silences: [LiDARSilence] = []
    public private(set) var lastPacketAt: MonotonicInstant?

    private var ledger: SequenceLedger
    private var frameUnwrapper: CounterUnwrapper
    private var hourUnwrapper = CounterUnwrapper(modulus: Int64(VelodyneDataPacket.microsecondsPerHour))
    private var openFrames: [Int64: LiDARFrameRecord] = [:]
    private var initID: UInt32?
    private var velodyneOrigin: Int64?
    private var velodynePeriod: Int64?

    public init(sequencing: LiDARSequencing, silenceThreshold: Duration = .milliseconds(500), reorderWindow: Int = 1024) {
        self.sequencing = sequencing
        self.silenceThreshold = silenceThreshold
        ledger = SequenceLedger(window: Int64(reorderWindow))
        if case .ouster(let format) = sequencing {
            frameUnwrapper = CounterUnwrapper(modulus: Int64(format.profile.maxFrameID) + 1)
        } else {
            frameUnwrapper = CounterUnwrapper(modulus: 1 << 16)
        }
        if case .velodyne(let period) = sequencing { velodynePeriod = period }
    }

    public mutating func handle(_ event: LiDARLossEvent) -> [LiDARLossAction] {
        var actions: [LiDARLossAction] = []
        switch event {
        case .ouster(let packet, let bytes, let time):
            arrive(bytes: bytes, at: time, into: &actions)
            ouster(packet, into: &actions)
        case .velodyne(let packet, let bytes, let time):
            arrive(bytes: bytes, at: time, into: &actions)
            velodyne(packet, into: &actions)
        case .auxiliary(let bytes, let time):
            arrive(bytes: bytes, at: time, into: &actions)
            counters.auxiliaryPackets += 1
        case .malformed(_, let time):
            counters.malformed += 1
            markAlive(at: time, into: &actions)
        case .queueOverflow(let count):
            counters.queueOverflows += count
        case .kernelDropTotal(let total):
            counters.kernelDrops = total
        case .tick(let now):
            rate.advance(to: now)
            if case .receiving = state, let last = lastPacketAt, now - last >= silenceThreshold {
                state = .silent(since: last)
                counters.silences += 1
                actions.append(.wentSilent(lastPacketAt: last))
            }
        case .finish:
            ledger.finish()
            closeFrames(olderThan: .max, into: &actions)
            syncLedger()
        }
        return actions
    }

    private mutating func arrive(bytes: Int, at time: MonotonicInstant, into actions: inout [LiDARLossAction]) {
        counters.packets += 1
        counters.bytes += Int64(bytes)
        rate.record(bytes: bytes, at: time)
        markAlive(at: time, into: &actions)
    }

    /// Any datagram, even a malformed one, proves the link is up.
    private mutating func markAlive(at time: MonotonicInstant, into actions: inout [LiDARLossAction]) {
        if case .silent(let since) = state {
            let silence = LiDARSilence(lastPacketAt: since, resumedAt: time)
            silences.append(silence)
            actions.append(.resumed(silence))
        }
        state = .receiving
        if lastPacketAt.map({ time > $0 }) ?? true { lastPacketAt = time }
    }

    private mutating func ouster(_ packet: OusterLidarPacket, into actions: inout [LiDARLossAction]) {
        guard case .ouster(let format) = sequencing else { return }
        if let newID = packet.initID {
            if let oldID = initID, oldID != newID {
                counters.restarts += 1
                actions.append(.restarted(oldInitID: oldID, newInitID: newID))
                ledger.reset()
                closeFrames(olderThan: .max, into: &actions)
                frameUnwrapper = CounterUnwrapper(modulus: frameUnwrapper.modulus)
            }
            initID = newID
        }
        let frame = frameUnwrapper.unwrap(Int64(packet.frameID))
        let firstMID = Int(packet.columns.first?.measurementID ?? 0)
        let lastMID = Int(packet.columns.last?.measurementID ?? 0)
        let perFrame = Int64(max(format.packetsPerFrame, 1))
        let sequence = frame * perFrame + Int64(firstMID / max(format.columnsPerPacket, 1))
        let outcome = ledger.observe(sequence)
        record(outcome, into: &actions)
        switch outcome {
        case .duplicate, .stale: break
        case .first, .inOrder, .gap, .outOfOrder:
            var open = openFrames[frame] ?? LiDARFrameRecord(
                frameID: packet.frameID, firstMeasurementID: firstMID, lastMeasurementID: lastMID,
                expectedColumns: format.columnsPerFrame, receivedColumns: 0)
            open.firstMeasurementID = min(open.firstMeasurementID, firstMID)
            open.lastMeasurementID = max(open.lastMeasurementID, lastMID)
            open.receivedColumns += packet.columns.count
            openFrames[frame] = open
            closeFrames(olderThan: frame - 1, into: &actions)
        }
        syncLedger()
    }

    private mutating func velodyne(_ packet: VelodyneDataPacket, into actions: inout [LiDARLossAction]) {
        let micros = hourUnwrapper.unwrap(Int64(packet.timestampMicrosecondsPastHour))
        if velodynePeriod == nil, let single = packet.product.singleReturnPacketPeriodNanoseconds {
            velodynePeriod = packet.returnMode.isDual ? single / 2 : single
        }
        guard let origin = velodyneOrigin else {
            velodyneOrigin = micros
            record(ledger.observe(0), into: &actions)
            return
        }
        let elapsed = (micros - origin) * 1000
        if velodynePeriod == nil {
            guard elapsed > 0 else {
                record(ledger.observe(0), into: &actions)
                return
            }
            velodynePeriod = elapsed
        }
        let period = max(velodynePeriod ?? 1, 1)
        let sequence = (elapsed + (elapsed >= 0 ? period / 2 : -period / 2)) / period
        record(ledger.observe(sequence), into: &actions)
        syncLedger()
    }

    private mutating func record(_ outcome: SequenceLedger.Outcome, into actions: inout [LiDARLossAction]) {
        switch outcome {
        case .first, .inOrder: break
        case .gap(let missing): actions.append(.gap(missing: missing))
        case .duplicate:
            counters.duplicates += 1
            actions.append(.duplicate)
        case .outOfOrder, .stale:
            counters.outOfOrder += 1
            actions.append(.outOfOrder)
        }
    }

    private mutating func syncLedger() {
        counters.lost = ledger.confirmedLost
        counters.pendingLost = ledger.pendingHoles
    }

    private mutating func closeFrames(olderThan limit: Int64, into actions: inout [LiDARLossAction]) {
        for key in openFrames.keys.sorted() where key < limit {
            guard let record = openFrames.removeValue(forKey: key) else { continue }
            frames.append(record)
            if record.isComplete { counters.completeFrames += 1 } else { counters.incompleteFrames += 1 }
            actions.append(.frameClosed(record))
        }
    }
}
