/// Assigns the images a camera announces by itself (ObjectAdded, for a camera fired through its trigger input by a
/// trigger box) to trigger sequence numbers, in order and by timing, never by guess.
///
/// Each pulse opens a window `[pulse + minimumDelay, pulse + maximumDelay]` in which its image must be announced.
/// An announcement goes to the oldest open pulse whose window contains it; one that fits no window is an extra
/// image (kept, never given a trigger's seq). A pulse whose window closes without an announcement is a miss at
/// once. With the window shorter than the minimum trigger interval (the daemon's wiring sizes it so) no two pulses can
/// compete for an image, so a skipped exposure cannot shift the images after it onto the wrong triggers.
///
///     var assigner = TriggeredImageAssigner(configuration: .init(maximumDelay: .milliseconds(900)))
///     assigner.pulsed(seq: 7, at: sent)
///     for action in assigner.announced(handle: h, at: t) + assigner.expire(now: now) { … }
public struct TriggeredImageAssigner: Sendable {
    public struct Configuration: Sendable, Hashable {
        /// Shortest plausible delay from the pulse command to the camera's announcement.
        public var minimumDelay: Duration
        /// Longest: after this the pulse produced no image.
        public var maximumDelay: Duration

        public init(minimumDelay: Duration = .zero, maximumDelay: Duration) {
            self.minimumDelay = minimumDelay
            self.maximumDelay = maximumDelay
        }
    }

    public enum Action: Hashable, Sendable {
        /// Object `handle` is the image of trigger `seq`.
        case assigned(handle: UInt32, seq: UInt32)
        /// Object `handle` fits no open pulse: an extra image (a manual shutter press, a double exposure).
        case extra(handle: UInt32)
        /// Trigger `seq`'s window closed without an image.
        case noImage(seq: UInt32, after: Duration)
    }

    public let configuration: Configuration
    private var open: [(seq: UInt32, at: MonotonicInstant)] = []

    public init(configuration: Configuration) { self.configuration = configuration }

    /// Triggers still waiting for their image.
    public var openSequences: [UInt32] { open.map(\.seq) }

    /// The pulse for `seq` was commanded at `at`.
    public mutating func pulsed(seq: UInt32, at: MonotonicInstant) { open.append((seq, at)) }

    /// Trigger `seq` will produce no image (refused, unacknowledged): its window is closed without a report.
    public mutating func cancel(seq: UInt32) { open.removeAll { $0.seq == seq } }

    /// The camera announced `handle` at `at`.
    public mutating func announced(handle: UInt32, at: MonotonicInstant) -> [Action] {
        var actions = expire(now: at)
        let c = configuration
        guard let index = open.firstIndex(where: { at - $0.at >= c.minimumDelay && at - $0.at <= c.maximumDelay })
        else {
            actions.append(.extra(handle: handle))
            return actions
        }
        actions.append(.assigned(handle: handle, seq: open.remove(at: index).seq))
        return actions
    }

    /// Closes the windows that ended before `now`.
    public mutating func expire(now: MonotonicInstant) -> [Action] {
        let c = configuration
        var actions: [Action] = []
        open.removeAll { pulse in
            guard now - pulse.at > c.maximumDelay else { return false }
            actions.append(.noImage(seq: pulse.seq, after: c.maximumDelay))
            return true
        }
        return actions
    }
}
