/// Cuts a Velodyne packet stream into frames (revolutions) and says how complete each one was.
///
/// Velodyne packets carry no frame id: a revolution ends where the first-block azimuth wraps past 0°. Packets are
/// numbered by `LiDARLossTracker` from their timestamps (a gap in the µs clock larger than the packet period is
/// a gap in the numbers), so a frame's expected packet count is the span of numbers between its start and the
/// next frame's start. Where a frame starts is derived from the azimuth step per packet (learned from the stream
/// itself, so model, return mode and RPM need no configuration): a frame's first received packet at azimuth `a`
/// had ⌊(a + 0.5) ÷ step⌋ packets of the same revolution before it. An azimuth that jumps further than the numbers
/// say (packets missing while the clock looks continuous) adds the jumped packets to the expected count.
///
/// A closed frame is held until the next one closes, so a late (reordered) packet still counts towards it.
struct VelodyneFrameAssembler: Sendable {
    struct Frame: Sendable, Hashable {
        var number: UInt32
        /// Sequence number of the frame's first packet (estimated if that packet was not received).
        var start: Int64?
        var firstReceived: Int64
        var firstAzimuth: UInt16
        var highest: Int64
        var highestAzimuth: UInt16
        var received: Int = 0
        /// Packets an azimuth jump implies beyond what the sequence numbers say.
        var azimuthMissing: Int = 0
    }

    private var current: Frame?
    private var held: (frame: Frame, end: Int64)?
    private var azimuthTotal: Double = 0
    private var sequenceTotal: Int64 = 0
    private var nextNumber: UInt32 = 0

    /// Azimuth advance per packet, 0.01°, once two consecutive packets have been seen.
    var step: Double? { sequenceTotal > 0 ? azimuthTotal / Double(sequenceTotal) : nil }

    /// Feeds one data packet the ledger accepted as new (first, in order, gap or late); returns the frame it
    /// belongs to (nil if it is older than every open frame) and appends closed frames to `closed`.
    mutating func packet(
        sequence: Int64, azimuth: UInt16, isLate: Bool, closed: inout [LiDARFrameRecord]
    ) -> UInt32? {
        guard var frame = current else {
            current = Frame(
                number: allocate(), firstReceived: sequence, firstAzimuth: azimuth, highest: sequence,
                highestAzimuth: azimuth, received: 1)
            return current?.number
        }
        if isLate || sequence <= frame.highest {
            if sequence >= frame.start ?? frame.firstReceived {
                frame.received += 1
                current = frame
                return frame.number
            }
            if var pending = held, sequence >= pending.frame.start ?? pending.frame.firstReceived {
                pending.frame.received += 1
                held = pending
                return pending.frame.number
            }
            return nil
        }
        let elapsed = sequence - frame.highest
        let advance = Int(azimuth) - Int(frame.highestAzimuth)
        let wrapped: Bool
        if let step {
            // Where the head should be after `elapsed` packets, against where it is: whole turns in between.
            let predicted = Double(frame.highestAzimuth) + Double(elapsed) * step
            let turns = ((predicted - Double(azimuth)) / 36000).rounded()
            wrapped = turns >= 1 || advance < 0
            if !wrapped, advance > 0 {
                let implied = Int((Double(advance) / step).rounded())
                if implied > elapsed { frame.azimuthMissing += implied - Int(elapsed) }
            }
        } else {
            wrapped = advance < 0
        }
        if !wrapped, advance > 0, advance < 18000 {
            azimuthTotal += Double(advance)
            sequenceTotal += elapsed
        }
        guard wrapped else {
            frame.highest = sequence
            frame.highestAzimuth = azimuth
            frame.received += 1
            current = frame
            return frame.number
        }
        let before = step.map { Int64(((Double(azimuth) + 0.5) / $0).rounded(.down)) } ?? 0
        let start = min(sequence, max(frame.highest + 1, sequence - before))
        close(frame, end: start, into: &closed)
        current = Frame(
            number: allocate(), start: start, firstReceived: sequence, firstAzimuth: azimuth, highest: sequence,
            highestAzimuth: azimuth, received: 1)
        return current?.number
    }

    /// Closes every open frame (end of stream); the last frame's end is estimated from its last azimuth.
    mutating func finish(into closed: inout [LiDARFrameRecord]) {
        if let pending = held { closed.append(record(pending.frame, end: pending.end)) }
        held = nil
        guard let frame = current else { return }
        var end = frame.highest + 1
        if let step { end += Int64(((36000 - 0.5 - Double(frame.highestAzimuth)) / step).rounded(.down)) }
        closed.append(record(frame, end: end))
        current = nil
    }

    /// Closes every open frame and starts afresh (after a silence the numbering may have jumped), keeping the
    /// frame numbers counting and the learned azimuth step.
    mutating func restart(into closed: inout [LiDARFrameRecord]) {
        finish(into: &closed)
    }

    private mutating func close(_ frame: Frame, end: Int64, into closed: inout [LiDARFrameRecord]) {
        if let pending = held { closed.append(record(pending.frame, end: pending.end)) }
        held = (frame, end)
    }

    private mutating func allocate() -> UInt32 {
        defer { nextNumber &+= 1 }
        return nextNumber
    }

    /// The completeness record; a frame's start, when its first packet was not the stream's first, was fixed when
    /// it opened; the stream's first frame is placed with the step learned since.
    private func record(_ frame: Frame, end: Int64) -> LiDARFrameRecord {
        let start =
            frame.start
            ?? frame.firstReceived - (step.map { Int64(((Double(frame.firstAzimuth) + 0.5) / $0).rounded(.down)) } ?? 0)
        let expected = Int(max(end - start, Int64(frame.received))) + frame.azimuthMissing
        return LiDARFrameRecord(
            frameID: frame.number, firstMeasurementID: Int(frame.firstAzimuth),
            lastMeasurementID: Int(frame.highestAzimuth), expectedColumns: expected, receivedColumns: frame.received)
    }
}
