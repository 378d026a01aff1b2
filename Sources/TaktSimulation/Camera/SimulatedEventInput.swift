import Synchronization
public import TaktCore

/// The simulated receiver's EXTINT pin, shared by the simulated camera (which raises edges at its true exposure
/// instants) and the simulated receiver (which reports them as TIM-TM2 in its stream).
///
/// Like a u-blox receiver it counts every rising edge but reports only the latest one per navigation epoch, so two
/// exposures inside one epoch show up as a counter jump, the case the reconciler calls a lost mark.
public final class SimulatedEventInput: Sendable {
    private struct State {
        var pending: [GPSTime] = []
        var count: UInt16 = 0
    }
    private let state = Mutex(State())

    public init() {}

    /// A rising edge at true GPS time `t`.
    public func edge(at t: GPSTime) {
        state.withLock { $0.pending.append(t) }
    }

    /// TIM-TM2 bytes for the edges up to `epoch` not yet reported (the last one, with the running counter), or none.
    public func report(through epoch: GPSTime) -> [UInt8] {
        let latest: (UInt16, GPSTime)? = state.withLock { s in
            let due = s.pending.filter { $0 <= epoch }.sorted()
            guard let last = due.last else { return nil }
            s.pending.removeAll { $0 <= epoch }
            s.count &+= UInt16(truncatingIfNeeded: due.count)
            return (s.count, last)
        }
        guard let (count, t) = latest else { return [] }
        return UBXEncoder.timTM2(count: count, rising: t)
    }
}
