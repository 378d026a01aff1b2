import Logging
import TaktCore
import TaktSerial

/// The state of a camera fired through a trigger box, driven one input at a time by `TriggerBoxCameraDriver`'s
/// loop: the box's line protocol (`T <seq>` pending until `A <seq> <tick>`, refusals, garbage, drop-outs) through
/// `TriggerBoxTracker`, and the camera's own announcements matched to pulses by `TriggeredImageAssigner`. It returns
/// what the camera service must hear (images by trigger seq, failures at once with their reason) and records the
/// box's link itself: gap events and the box's line in status.
struct TriggerBoxCameraState: Sendable {
    enum Input: Sendable {
        /// `T <seq>` is about to be written (stamped before the write, so its ack can never overtake it).
        case sending(UInt32, at: MonotonicInstant)
        case writeFailed(UInt32, SerialPortError, at: MonotonicInstant)
        case serial(SerialEvent)
        case camera(CameraEvent)
        case tick(MonotonicInstant)
    }

    /// Sequence number given to images that fit no pulse: never a planned trigger, so the camera path keeps the
    /// bytes as an extra file and reports them instead of giving them a trigger's exposure.
    static let extraImageSeq = UInt32.max

    let boxId: String
    let device: String
    let context: DaemonContext
    var tracker: TriggerBoxTracker
    var assigner: TriggeredImageAssigner
    /// How long after its window a missing announcement is reported: the worker may still be downloading the
    /// previous image when the announcement (stamped on arrival) is queued behind it.
    let reportDelay: Duration
    var decoder = TriggerBoxLineDecoder()
    var imageOf: [UInt32: UInt32] = [:]
    var outageStart: GPSTime?
    /// The last line from the box (garbage included): a box that has shown it sends heartbeats (`H`, once a second)
    /// and then says nothing for `livenessTimeout` is declared lost, as hw/wiring/trigger-box.md specifies, even
    /// while its tty stays open (a hung box, a cut signal wire behind a USB-serial bridge). A box that never sent
    /// a heartbeat is not held to it.
    var lastLineAt: MonotonicInstant?
    var heartbeatsSeen = false
    /// An outage declared by silence (not by the port failing): it ends at the next line.
    var silent = false
    static let livenessTimeout: Duration = .seconds(3)
    /// The box counter's rate against the host's (acks and heartbeats carry it); warned once when out of tolerance.
    var clockCheck = TriggerBoxClockCheck()
    var clockWarned = false
    var counters: [String: Int64] = [
        "sent": 0, "acks": 0, "refused": 0, "ackTimeouts": 0, "lostAtDisconnect": 0, "garbageLines": 0,
        "unexpectedAcks": 0, "boxErrors": 0, "heartbeats": 0, "gaps": 0, "extraImages": 0, "noImage": 0,
    ]

    init(
        boxId: String, device: String, context: DaemonContext, ackTimeout: Duration,
        imageWindow: TriggeredImageAssigner.Configuration, reportDelay: Duration = .milliseconds(500)
    ) {
        self.boxId = boxId
        self.device = device
        self.context = context
        tracker = TriggerBoxTracker(ackDeadline: ackTimeout)
        assigner = TriggeredImageAssigner(configuration: imageWindow)
        self.reportDelay = reportDelay
    }

    mutating func handle(_ input: Input) -> [CameraDriverEvent] {
        switch input {
        case .sending(let seq, let at):
            tracker.sent(seq, at: at)
            assigner.pulsed(seq: seq, at: at)
            counters["sent", default: 0] += 1
            return []
        case .writeFailed(let seq, let error, let at):
            counters["writeFailures", default: 0] += 1
            return fail(
                seq, "trigger box \(boxId) could not be sent T \(seq): \(error)", at: at, tracked: true, pulsed: false)
        case .serial(let event):
            return handle(event)
        case .camera(let event):
            return handle(event)
        case .tick(let now):
            var out: [CameraDriverEvent] = []
            for seq in tracker.expire(now: now) {
                counters["ackTimeouts", default: 0] += 1
                out += fail(seq, "trigger box \(boxId) did not acknowledge within \(tracker.ackDeadline)", at: now)
            }
            out += apply(assigner.expire(now: now + (.zero - reportDelay)), at: now)
            if heartbeatsSeen, outageStart == nil, let last = lastLineAt, now - last >= Self.livenessTimeout {
                silent = true
                let quietTenths = (now - last).nanoseconds / 100_000_000
                out += beginOutage(
                    "no line from the box for \(quietTenths / 10).\(quietTenths % 10) s on \(device) (a heartbeat is due "
                        + "every second)", at: now)
            }
            publish()
            return out
        }
    }

    private mutating func handle(_ event: SerialEvent) -> [CameraDriverEvent] {
        switch event {
        case .opened(let path, let at):
            decoder.reset()
            clockCheck.reset()
            lastLineAt = at
            endOutage("\(path) back", at: at)
            context.board.modifySensor(boxId) {
                $0.health = .ok
                $0.detail = "trigger box on \(path)"
            }
            return []
        case .failed(let error, let at):
            silent = false
            return beginOutage("trigger box link lost: \(error)", at: at)
        case .bytes(let bytes, let at):
            lastLineAt = at
            if silent {
                silent = false
                endOutage("\(device) speaks again", at: at)
                context.board.modifySensor(boxId) {
                    $0.health = .ok
                    $0.detail = "trigger box on \(device)"
                }
            }
            decoder.append(bytes)
            var out: [CameraDriverEvent] = []
            var garbage = 0
            let unexpected = tracker.unexpectedAcks
            while true {
                let message: TriggerBoxMessage?
                do throws(TriggerBoxLineError) { message = try decoder.next() } catch {
                    garbage += 1
                    continue
                }
                guard let message else { break }
                out += handle(message, at: at)
            }
            let strays = tracker.unexpectedAcks - unexpected
            if garbage > 0 || strays > 0 {
                // Noise on the line is data about the link: counted in status and recorded once per chunk.
                counters["garbageLines", default: 0] += Int64(garbage)
                context.event(
                    "link-garbage", source: boxId, "\(garbage) garbage line(s), \(strays) unexpected ack(s)", at: at,
                    attributes: ["garbageLines": "\(garbage)", "unexpectedAcks": "\(strays)"], level: .warning)
            }
            context.board.modifySensor(boxId) { $0.lastDataAgeSeconds = 0 }
            return out
        }
    }

    private mutating func handle(_ message: TriggerBoxMessage, at: MonotonicInstant) -> [CameraDriverEvent] {
        switch message {
        case .ack(let seq, let tick):
            switch tracker.received(seq, tick: tick, at: at) {
            case .acknowledged:
                counters["acks", default: 0] += 1
                checkClock(tick: tick, at: at)
            case .unexpectedAck: counters["unexpectedAcks", default: 0] += 1
            }
            return []
        case .error(let text):
            if let seq = message.refusedSequence, tracker.cancel(seq) {
                counters["refused", default: 0] += 1
                return fail(seq, "trigger box \(boxId) refused the pulse: \(text)", at: at, pulsed: false)
            }
            counters["boxErrors", default: 0] += 1
            context.logger.warning("\(boxId): box reports \(text)")
            return []
        case .heartbeat(let tick):
            heartbeatsSeen = true
            counters["heartbeats", default: 0] += 1
            checkClock(tick: tick, at: at)
            return []
        }
    }

    private mutating func handle(_ event: CameraEvent) -> [CameraDriverEvent] {
        switch event {
        case .connected(let identity, let at):
            return [.linkUp(detail: "\(identity.manufacturer) \(identity.model) \(identity.serialNumber)", at: at)]
        case .lost(let reason, _, let at):
            return [.linkDown(reason: reason, at: at)]
        case .announced(let handle, let at):
            return apply(assigner.announced(handle: handle, at: at), at: at)
        case .downloaded(let image):
            let seq = imageOf.removeValue(forKey: image.objectHandle) ?? Self.extraImageSeq
            return [.image(seq: seq, bytes: image.bytes, deviceReported: nil, at: HostClock.monotonic())]
        case .deviceStatus(let reading, let at):
            return [.deviceStatus(reading, at: at)]
        case .failed, .captured, .recovered, .notFound:
            return []
        }
    }

    private mutating func apply(_ actions: [TriggeredImageAssigner.Action], at: MonotonicInstant)
        -> [CameraDriverEvent]
    {
        var out: [CameraDriverEvent] = []
        for action in actions {
            switch action {
            case .assigned(let handle, let seq):
                imageOf[handle] = seq
            case .extra(let handle):
                counters["extraImages", default: 0] += 1
                imageOf[handle] = Self.extraImageSeq
                context.logger.warning("\(boxId): camera object \(handle) fits no trigger pulse; kept as an extra")
            case .noImage(let seq, let after):
                counters["noImage", default: 0] += 1
                let reason = "the camera announced no image within \(after) of the pulse"
                out.append(.failed(seq: seq, reason: reason, at: at))
            }
        }
        return out
    }

    /// Feeds the counter-rate check; the rate goes to status, and a rate out of tolerance is a warning and one event
    /// per episode.
    private mutating func checkClock(tick: UInt64, at: MonotonicInstant) {
        switch clockCheck.add(tick: tick, at: at) {
        case .unknown:
            return
        case .within(let ppm):
            counters["tickRatePpm"] = Int64(ppm.rounded())
            if clockWarned {
                clockWarned = false
                context.board.warn("\(boxId).clock", nil)
            }
        case .outside(let ppm, let allowed):
            counters["tickRatePpm"] = Int64(ppm.rounded())
            let text = "trigger box \(boxId) counter runs \(Int(ppm.rounded())) ppm off the host clock (allowed ±\(Int(allowed.rounded())))"
            context.board.warn("\(boxId).clock", text)
            if !clockWarned {
                clockWarned = true
                context.event("trigger-box-clock", source: boxId, text, at: at, level: .warning)
            }
        }
    }

    /// Starts an outage (once): a `gap-start` event, every trigger pending an ack ended as a miss (its pulse may or
    /// may not have gone out, so it is not trusted), the box shown disconnected with `why`.
    private mutating func beginOutage(_ why: String, at: MonotonicInstant) -> [CameraDriverEvent] {
        var out: [CameraDriverEvent] = []
        if outageStart == nil {
            outageStart = context.timeBase.stamp(at).gps
            counters["gaps", default: 0] += 1
            context.event("gap-start", source: boxId, why, at: at, gapStart: outageStart, level: .warning)
        }
        for seq in tracker.abandonAll() {
            counters["lostAtDisconnect", default: 0] += 1
            out += fail(seq, "trigger box \(boxId) link lost before the ack: \(why)", at: at)
        }
        context.board.modifySensor(boxId) {
            $0.health = .disconnected
            $0.detail = why
        }
        return out
    }

    /// Ends the outage, if one is open: a `gap-end` event and its length in status.
    private mutating func endOutage(_ detail: String, at: MonotonicInstant) {
        guard let start = outageStart else { return }
        let end = context.timeBase.stamp(at).gps
        context.event("gap-end", source: boxId, detail, at: at, gapStart: start, gapEnd: end)
        counters["lastGapMilliseconds"] = (end.nanosecondsSinceEpoch - start.nanosecondsSinceEpoch) / 1_000_000
        outageStart = nil
    }

    /// Ends trigger `seq` as a failure now; `tracked` also drops it from the ack tracker. `pulsed: false` when the
    /// box certainly output no pulse (no exposure, no mark to expect); an unacknowledged pulse may have gone out.
    private mutating func fail(
        _ seq: UInt32, _ reason: String, at: MonotonicInstant, tracked: Bool = false, pulsed: Bool = true
    ) -> [CameraDriverEvent] {
        if tracked { tracker.cancel(seq) }
        assigner.cancel(seq: seq)
        return [pulsed ? .failed(seq: seq, reason: reason, at: at) : .notExposed(seq: seq, reason: reason, at: at)]
    }

    func publish() {
        let c = counters
        context.board.modifySensor(boxId) { s in
            for (k, v) in c { s.counters[k] = v }
        }
    }
}
