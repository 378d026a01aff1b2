/// Matches trigger sequence numbers with the receiver's time marks and the camera's images, and decides each
/// exposure's time and provenance: event mark > device-reported > command time + calibrated latency.
///
/// A mark is assigned only when timing and the TIM-TM2 edge counter agree, or when timing alone is unambiguous
/// and the disagreement is reported (`counterSlip`). Everything else — duplicates, strays, gaps, ambiguity — is
/// reported as an `ExposureAnomaly` and never assigned: a wrong exposure time is worse than a coarse one. Windows
/// follow the recent mark offset, and an optional wider acquisition window (counter-confirmed) rides out command
/// stamps that are off by more than the window. A trigger the driver reports failed is a miss at once
/// (`.captureFailed`).
/// ```
/// var reconciler = ExposureReconciler(configuration: .init(commandLatency: .milliseconds(2)))
/// for event in events {
///     for output in reconciler.handle(event) { … write `.record` to the timeline, log `.anomaly` … }
/// }
/// ```
public struct ExposureReconciler: Sendable {
    public struct Configuration: Sendable, Hashable {
        /// Calibrated delay from the command to the exposure (and so to its mark).
        public var commandLatency: Duration
        /// One-sigma spread of that delay, ns.
        public var commandLatencySigmaNanoseconds: Double
        /// A mark matches a trigger when within this of command + latency.
        public var markWindow: Duration
        /// Whether the rig has an event input at all; without one, missing marks are not anomalies.
        public var marksExpected: Bool
        /// How long after its expected exposure a trigger waits for its mark (TIM-TM2 comes once per epoch).
        public var markSettle: Duration
        /// When set, a mark that fits no trigger's `markWindow` may still be assigned inside this wider window, but
        /// only to a single candidate that the TIM-TM2 edge counter also names (or to the very first mark). It lets
        /// marks survive a host-to-GPS mapping that is off by more than `markWindow` (before PPS lock, message time
        /// can be hundreds of ms off with a σ claiming tens), and the step when the mapping locks. Keep it under
        /// half the minimum trigger interval.
        public var acquisitionWindow: Duration?
        /// How long after the command a trigger waits for its image before it is finalised without one.
        public var imageTimeout: Duration

        public init(
            commandLatency: Duration = .zero, commandLatencySigmaNanoseconds: Double = 10_000_000,
            markWindow: Duration = .milliseconds(50), marksExpected: Bool = true,
            markSettle: Duration = .seconds(2), imageTimeout: Duration = .seconds(30),
            acquisitionWindow: Duration? = nil
        ) {
            self.acquisitionWindow = acquisitionWindow
            self.commandLatency = commandLatency
            self.commandLatencySigmaNanoseconds = commandLatencySigmaNanoseconds
            self.markWindow = markWindow
            self.marksExpected = marksExpected
            self.markSettle = markSettle
            self.imageTimeout = imageTimeout
        }
    }

    struct Pending: Sendable {
        var command: StampedTime
        var mark: TimeMark?
        /// Set when the counter already explained the missing mark (lost / no edge / unknown).
        var markVerdict: MarkStatus?
        var image: DeliveredImage?
        var expected: GPSTime
        /// The driver said this trigger produced nothing; its miss is already reported.
        var failed = false
    }

    let configuration: Configuration
    var pending: [UInt32: Pending] = [:]
    /// Records are finalised in seq order, so "already finalised" is "at or below the last one".
    var lastFinalised: UInt32?
    /// Counter value ↔ seq of the last edge accounted for.
    var anchor: (count: UInt16, seq: UInt32)?
    /// Recently seen counters and their times, to recognise repeats.
    var recentMarks: [UInt16: GPSTime?] = [:]
    var recentOrder: [UInt16] = []
    /// Failed triggers after the anchor: they produced no edge, so the counter steps over them.
    var noPulse: Set<UInt32> = []
    /// Mark minus expected exposure of the last assignments, ns: windows are centred on their median, so a steady
    /// error of the command stamps (message-time latency before PPS lock) does not push marks out of them.
    var recentOffsets: [Int64] = []

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Triggers commanded but not yet finalised.
    public var pendingCount: Int { pending.count }

    public mutating func handle(_ event: ExposureEvent) -> [ExposureOutput] {
        switch event {
        case .commanded(let seq, let at):
            guard pending[seq] == nil, lastFinalised.map({ seq > $0 }) ?? true else { return [.anomaly(.duplicateCommand(seq: seq))] }
            pending[seq] = Pending(command: at, expected: at.gps + configuration.commandLatency)
            return []
        case .mark(let mark):
            return accept(mark).map(ExposureOutput.anomaly)
        case .image(let image):
            // A trigger already reported as failed keeps its reported miss: a late image is kept aside, not used.
            guard var p = pending[image.seq], !p.failed else {
                return [.anomaly(.imageWithoutTrigger(seq: image.seq, file: image.file))]
            }
            guard p.image == nil else { return [.anomaly(.duplicateImage(seq: image.seq, file: image.file))] }
            p.image = image
            pending[image.seq] = p
            return []
        case .captureFailed(let seq, let noExposure):
            guard var p = pending[seq], !p.failed, p.image == nil else { return [] }
            p.failed = true
            if noExposure, p.mark == nil, p.markVerdict == nil {
                p.markVerdict = .notExpected
                if anchor.map({ seq > $0.seq }) ?? true { noPulse.insert(seq) }
            }
            pending[seq] = p
            return [.anomaly(.imageMissing(seq: seq))]
        case .tick(let now):
            let c = configuration
            return finalise { p in Self.isSettled(p, at: now, c) }
        case .finish:
            return finalise { _ in true }
        }
    }

    static func isSettled(_ p: Pending, at now: GPSTime, _ configuration: Configuration) -> Bool {
        let markDone =
            p.mark != nil || p.markVerdict != nil || !configuration.marksExpected
            || now >= p.expected + configuration.markWindow + configuration.markSettle
        let imageDone = p.image != nil || p.failed || now >= p.command.gps + configuration.imageTimeout
        return markDone && imageDone
    }
}
