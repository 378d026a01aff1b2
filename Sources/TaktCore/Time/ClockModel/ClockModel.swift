/// Maps the host monotonic clock to GPS time from receiver-labelled PPS edges. The only place host instants become
/// GPS time.
///
/// A value-type state machine: feed it `ClockModelEvent`s in host-time order, act on the returned actions, and ask
/// `convert(_:)` for any host instant. It never reads a clock, so tests and benchmarks drive it with arrays of events.
///
/// ```swift
/// var model = ClockModel(configuration: .init(rig: rig))
/// for event in events {
///     for action in model.handle(event) { log(action) }
/// }
/// let stamp = model.convert(packetArrival)   // GPS time + provenance + one-sigma σ
/// ```
///
/// States: unsynced → acquiring (clean run of labelled edges, then a Kalman fit converging) → locked → holdover (no
/// good edge for `holdoverAfterSeconds`) → relocking → locked. A step (edges agreeing with each other but not with
/// the fit) re-starts acquisition with the old frequency. See docs/time-model.md.
public struct ClockModel: Sendable {
    public let configuration: Configuration

    enum State: Hashable, Sendable {
        case unsynced
        case acquiring
        case locked
        case holdover(since: MonotonicInstant)
        /// `gapSeconds`: from the last good edge before holdover to the first good edge after it.
        case relocking(holdoverStart: MonotonicInstant, gapSeconds: Double, goodEdges: Int)
    }

    /// The most recent edge, kept so a post-edge label can name (or confirm) it.
    struct SeenEdge: Hashable, Sendable {
        var raw: MonotonicInstant
        /// Stamp with the cable delay removed.
        var host: MonotonicInstant
        var source: PPSSourceKind
        var precisionNanoseconds: Double?
        /// GPS ns of the second this edge marks, once known.
        var label: Int64?
        var labelFraction: Double = 0
        var pending: Bool { label == nil }
    }

    /// A labelled edge in an acquisition run or a rejection streak.
    struct LabelledEdge: Hashable, Sendable {
        var host: MonotonicInstant
        var label: Int64
        var fraction: Double
        /// Residual against the fit, when there is one.
        var residual: Double = 0
        var offset: Int64 { label - host.nanoseconds }
    }

    var state: State = .unsynced
    var filter: OffsetDriftFilter?
    var run: [LabelledEdge] = []
    var streak: [LabelledEdge] = []
    var lastSeenEdge: SeenEdge?
    var announced: PPSLabel?
    var lastAnnouncingLabel: GPSTime?
    var lastPostEdgeLabel: GPSTime?
    var nonMonotonicLabelStreak = 0
    var conflictStreak: (difference: Int64, count: Int)?
    var lastGoodEdge: MonotonicInstant?
    var acceptedSinceStart = 0
    var residualScale: RobustScale
    var acceptedResiduals: RobustScale
    var messages = MessageTimeFit()
    var wallClock: HostWallClockReading?
    var leapSeconds: Int
    var leapSecondsFromReceiver = false
    var counters = ClockCounters()
    var lastEdgeSource: PPSSourceKind?
    var lastLabelSource: PPSLabelSource?

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        self.leapSeconds = configuration.leapSecondsFallback
        self.residualScale = RobustScale(capacity: configuration.residualWindow)
        self.acceptedResiduals = RobustScale(capacity: configuration.residualWindow)
    }

    /// GPS − UTC in use (receiver value once reported, else the fallback).
    public var gpsMinusUTCSeconds: Int { leapSeconds }

    /// Whether the model is PPS-locked (not acquiring, not in holdover).
    public var isLocked: Bool { state == .locked }

    /// Feeds one event; returns what changed. Events must come in host-time order.
    public mutating func handle(_ event: ClockModelEvent) -> [ClockModelAction] {
        var actions: [ClockModelAction] = []
        switch event {
        case .ppsEdge(let edge):
            noticeTime(edge.host.offset(by: -configuration.ppsCableDelayNanoseconds), into: &actions)
            handleEdge(edge, into: &actions)
        case .ppsLabel(let label):
            noticeTime(label.receivedAt, into: &actions)
            handleLabel(label, into: &actions)
        case .messageTime(let message):
            guard Self.plausible.contains(message.gps.nanosecondsSinceEpoch),
                Self.plausible.contains(message.receivedAt.nanoseconds)
            else { break }
            noticeTime(message.receivedAt, into: &actions)
            messages.add(message)
        case .leapSeconds(let report):
            noticeTime(report.receivedAt, into: &actions)
            handleLeapSeconds(report, into: &actions)
        case .wallClock(let reading):
            guard Self.plausible.contains(reading.unixUTCNanoseconds), Self.plausible.contains(reading.at.nanoseconds),
                reading.sigmaNanoseconds.isFinite, reading.sigmaNanoseconds >= 0
            else { break }
            noticeTime(reading.at, into: &actions)
            wallClock = reading
        case .tick(let now):
            noticeTime(now, into: &actions)
        }
        return actions
    }

    /// Declares holdover once no good edge has been seen for `holdoverAfterSeconds` before `now`.
    mutating func noticeTime(_ now: MonotonicInstant, into actions: inout [ClockModelAction]) {
        guard let last = lastGoodEdge, Self.plausible.contains(now.nanoseconds) else { return }
        let limit = Int64(saturating: configuration.holdoverAfterSeconds * 1e9)
        guard now.nanoseconds - last.nanoseconds > limit else { return }
        switch state {
        case .locked, .relocking:
            state = .holdover(since: last)
            counters.holdovers += 1
            actions.append(.lockLost(at: last.offset(by: limit), lastEdge: last))
        case .unsynced, .acquiring, .holdover:
            break
        }
    }

    mutating func handleLeapSeconds(_ report: LeapSecondReport, into actions: inout [ClockModelAction]) {
        guard (0...60).contains(report.gpsMinusUTCSeconds) else {
            counters.leapReportsRejected += 1
            return
        }
        if report.gpsMinusUTCSeconds != leapSeconds {
            actions.append(.leapSecondsChanged(from: leapSeconds, to: report.gpsMinusUTCSeconds))
            leapSeconds = report.gpsMinusUTCSeconds
        }
        leapSecondsFromReceiver = true
    }
}

extension MonotonicInstant {
    func offset(by nanoseconds: Int64) -> MonotonicInstant {
        MonotonicInstant(nanoseconds: self.nanoseconds &+ nanoseconds)
    }
    func seconds(since other: MonotonicInstant) -> Double { Double(nanoseconds &- other.nanoseconds) / 1e9 }
}
