import Synchronization
public import TaktCore

/// The daemon's one clock model, shared by every service: GNSS services feed it PPS edges, labels and message
/// times; every producer converts its host instants through it. A mutex keeps it consistent; each call is short.
public final class TimeBase: Sendable {
    private let model: Mutex<ClockModel>
    private let describeSource: String
    private let observer = Mutex<(@Sendable ([ClockModelAction]) -> Void)?>(nil)

    public init(configuration: ClockModel.Configuration, source: String) {
        model = Mutex(ClockModel(configuration: configuration))
        describeSource = source
    }

    @discardableResult
    public func handle(_ event: ClockModelEvent) -> [ClockModelAction] {
        let actions = model.withLock { $0.handle(event) }
        if !actions.isEmpty, let observe = observer.withLock({ $0 }) { observe(actions) }
        return actions
    }

    /// Sees the actions of every event, from whichever service fed it: lock, holdover and steps can follow from an
    /// edge, a label or the housekeeping tick alike, so they are recorded here once rather than by each producer.
    /// Called outside the model's lock, so it may convert times.
    public func observe(_ handler: @escaping @Sendable ([ClockModelAction]) -> Void) {
        observer.withLock { $0 = handler }
    }

    /// GPS time, provenance and σ of a host instant.
    public func stamp(_ host: MonotonicInstant) -> StampedTime { model.withLock { $0.convert(host) } }

    /// The stamp plus the leap seconds to put it on the timeline.
    public func timelineTime(_ host: MonotonicInstant) -> TimelineTime {
        model.withLock { TimelineTime($0.convert(host), leapSeconds: $0.gpsMinusUTCSeconds) }
    }

    public var leapSeconds: Int { model.withLock { $0.gpsMinusUTCSeconds } }

    public func state(at now: MonotonicInstant) -> ClockState { model.withLock { $0.state(at: now) } }

    /// The status view of the model.
    public func status(at now: MonotonicInstant) -> TimeStatus {
        let s = state(at: now)
        var source = describeSource
        if let p = s.ppsSource { source = "\(p.rawValue) PPS" + (s.labelSource.map { " labelled by \($0.rawValue)" } ?? "") }
        // Operators want to know how far the system clock (what chrony disciplines) is from GPS time; the model's own
        // offset is against CLOCK_MONOTONIC, which has no meaningful origin.
        let pair = HostClock.pairedReading()
        let gpsAtPair = stamp(pair.monotonic)
        let systemClockOffset: Double? =
            s.provenance == .hostOnly
            ? nil : Double(pair.realtimeNanoseconds - gpsAtPair.gps.unixUTCNanoseconds(leapSeconds: s.leapSeconds))
        return TimeStatus(
            provenance: s.provenance, locked: s.locked, source: source,
            offsetNanoseconds: systemClockOffset, jitterNanoseconds: s.jitterNanoseconds,
            driftPPM: s.hostDriftPPM, sigmaNanoseconds: s.sigmaNanoseconds, holdoverSeconds: s.holdoverSeconds,
            lastPPSAgeSeconds: s.lastEdgeAgeSeconds, leapSeconds: s.leapSeconds,
            leapSecondsSource: s.leapSecondsSource.rawValue, gpsTime: stamp(now).gps)
    }
}
