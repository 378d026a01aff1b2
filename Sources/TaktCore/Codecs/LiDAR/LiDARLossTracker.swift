/// Live, exact loss accounting for one LiDAR sensor: a value-type state machine fed decoded packet headers in
/// arrival order.
///
/// ```swift
/// var tracker = LiDARLossTracker(sequencing: .ouster(metadata.format))
/// for event in events { for action in tracker.handle(event) { log(action) } }
/// tracker.counters   // lost / duplicates / outOfOrder / malformed / frames …
/// ```
/// Gaps, duplicates and reordering come from `SequenceLedger`. Ouster frames (by frame id) are closed (and their
/// completeness recorded) once two newer frames have started; Velodyne frames (revolutions, cut where the azimuth
/// wraps, by `VelodyneFrameAssembler`) once the next revolution has ended; either way a late packet still counts
/// towards its frame. Silence is
/// declared on a `.tick` at least `silenceThreshold` after the last packet; the next packet ends it and the gap is
/// recorded in `silences`, with the packets the stream skipped meanwhile (which are not counted as `lost`: the
/// sequence resumes where the sensor is, so a power cycle or unplugged cable is one silence, not a loss storm).
public struct LiDARLossTracker: Sendable {
    public let sequencing: LiDARSequencing
    public let silenceThreshold: Duration
    public private(set) var counters = LiDARLossCounters()
    public private(set) var rate = LiDARRateMeter()
    public private(set) var state: LiDARLinkState = .waiting
    /// Closed frames not yet taken with `takeClosedFrames()`, oldest first.
    public private(set) var frames: [LiDARFrameRecord] = []
    public private(set) var silences: [LiDARSilence] = []
    public private(set) var lastPacketAt: MonotonicInstant?
    /// The frame the last lidar packet was counted towards (Ouster frame id; Velodyne revolution number), nil for
    /// a duplicate or a packet older than every open frame. The ingest uses it to time frames.
    public private(set) var lastPacketFrame: UInt32?

    private var ledger: SequenceLedger
    private var frameUnwrapper: CounterUnwrapper
    private var hourUnwrapper = CounterUnwrapper(modulus: Int64(VelodyneDataPacket.microsecondsPerHour))
    private var openFrames: [Int64: LiDARFrameRecord] = [:]
    private var initID: UInt32?
    private var velodyneReference: (micros: Int64, sequence: Int64)?
    private var velodynePeriod: Int64?
    /// Sum and count of consecutive-packet spacings while the period is learned from the stream (nil: known).
    private var periodLearning: (total: Int64, count: Int64)?
    private var velodyneFrames = VelodyneFrameAssembler()
    /// Set when packets return after a silence: the next sequenced packet resumes the numbering.
    private var resumingAfterSilence = false

    public init(sequencing: LiDARSequencing, silenceThreshold: Duration = .milliseconds(500), reorderWindow: Int = 1024)
    {
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

    /// Hands over the closed frames recorded so far (the bundle writer takes them), so a long drive does not
    /// accumulate them here.
    public mutating func takeClosedFrames() -> [LiDARFrameRecord] {
        defer { frames.removeAll(keepingCapacity: true) }
        return frames
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
            var closed: [LiDARFrameRecord] = []
            velodyneFrames.finish(into: &closed)
            for frame in closed { emit(frame, into: &actions) }
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
            resumingAfterSilence = true
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
        let outcome = observe(sequence)
        record(outcome, into: &actions)
        switch outcome {
        case .duplicate, .stale:
            lastPacketFrame = nil
        case .first, .inOrder, .gap, .outOfOrder:
            lastPacketFrame = packet.frameID
            var open =
                openFrames[frame]
                ?? LiDARFrameRecord(
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
        guard let reference = velodyneReference else {
            velodyneReference = (micros, 0)
            velodyneFrame(packet, sequence: 0, outcome: ledger.observe(0), into: &actions)
            return
        }
        let elapsed = (micros - reference.micros) * 1000
        if velodynePeriod == nil {
            guard elapsed > 0 else {
                velodyneFrame(packet, sequence: 0, outcome: ledger.observe(reference.sequence), into: &actions)
                return
            }
            velodynePeriod = elapsed
            periodLearning = (0, 0)
        }
        // Numbered against the newest packet, not the first: a period off by a rounded µs cannot drift the count.
        let period = max(velodynePeriod ?? 1, 1)
        let steps = (elapsed + (elapsed >= 0 ? period / 2 : -period / 2)) / period
        let sequence = reference.sequence + steps
        if resumingAfterSilence {
            // Back after a silence (perhaps a reboot that restarted the clock): number on from this packet and start
            // a new frame; the frame the silence cut off is closed as it stands.
            velodyneReference = (micros, sequence)
            var closed: [LiDARFrameRecord] = []
            velodyneFrames.restart(into: &closed)
            for frame in closed { emit(frame, into: &actions) }
        } else if steps > 0 {
            velodyneReference = (micros, sequence)
            if steps == 1, let learning = periodLearning {
                // A learned period is refined from consecutive packets (µs timestamps round the true period).
                let refined = (learning.total + elapsed, learning.count + 1)
                periodLearning = refined
                if refined.1 >= 8 { velodynePeriod = refined.0 / refined.1 }
            }
        }
        velodyneFrame(packet, sequence: sequence, outcome: observe(sequence), into: &actions)
        syncLedger()
    }

    /// Hands a numbered Velodyne packet to the frame assembler (duplicates and stale packets belong to no frame).
    private mutating func velodyneFrame(
        _ packet: VelodyneDataPacket, sequence: Int64, outcome: SequenceLedger.Outcome,
        into actions: inout [LiDARLossAction]
    ) {
        record(outcome, into: &actions)
        switch outcome {
        case .duplicate, .stale:
            lastPacketFrame = nil
        case .first, .inOrder, .gap, .outOfOrder:
            var closed: [LiDARFrameRecord] = []
            lastPacketFrame = velodyneFrames.packet(
                sequence: sequence, azimuth: packet.blocks.first?.azimuthHundredthsDegree ?? 0,
                isLate: outcome == .outOfOrder, closed: &closed)
            for frame in closed { emit(frame, into: &actions) }
        }
    }

    /// The ledger's verdict, or a resumption right after a silence (whose skipped count goes to the silence record).
    private mutating func observe(_ sequence: Int64) -> SequenceLedger.Outcome {
        guard resumingAfterSilence else { return ledger.observe(sequence) }
        resumingAfterSilence = false
        let skipped = ledger.resume(at: sequence)
        if !silences.isEmpty { silences[silences.count - 1].packetsSkipped = skipped }
        return .inOrder
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
            emit(record, into: &actions)
        }
    }

    private mutating func emit(_ record: LiDARFrameRecord, into actions: inout [LiDARLossAction]) {
        frames.append(record)
        if record.isComplete { counters.completeFrames += 1 } else { counters.incompleteFrames += 1 }
        actions.append(.frameClosed(record))
    }
}
