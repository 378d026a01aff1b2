/// Maps u-blox ESF sensor time tags (ESF-RAW `sTtag`, ESF-MEAS `timeTag`) to GPS time.
///
/// The tag is a receiver-local 32-bit counter of roughly milliseconds: not GPS time, free-running, wrapping
/// every ~49.7 days and restarting with the receiver. The receiver outputs the sensor samples of each navigation
/// epoch right after that epoch, so the newest sample of a burst lies in the last sample interval Δ before the
/// epoch (whose GPS time NAV-PVT's iTOW gives). Each such pairing is an *anchor*: `t(tag) ∈ (epoch − Δ, epoch]`.
///
/// The tick rate comes from a least-squares fit over the anchors (the pairing error is bounded and does not bias
/// it); the offset from the lower envelope of `epoch − rate·tag`. The envelope sits above the true offset by the
/// smallest pairing error seen, which is at most Δ minus the spread of the anchors above the envelope: when the
/// sampling phase walks against the epochs (oscillator drift) the spread grows towards Δ and pins the offset
/// down; when sampling is locked to the epochs the spread stays near 0 and the offset is known only to within Δ.
/// The mapping takes the middle of that interval and reports it in σ, never claiming more than it knows.
///
/// A value type fed with anchors; it never reads a clock.
/// ```
/// var mapper = SensorTimeTagMapper()
/// mapper.anchor(tag: newestTagOfBurst, epoch: navPVTGPSTime)  // once per epoch
/// let stamped = mapper.map(tag: sample.sensorTimeTag)          // nil until enough anchors
/// ```
public struct SensorTimeTagMapper: Sendable {
    public struct Configuration: Sendable, Hashable {
        /// Nominal tick length: u-blox tags count milliseconds.
        public var nominalTickNanoseconds = 1_000_000.0
        /// The sensor's sample interval Δ (100 Hz on the F9R): the newest sample of a burst lies within Δ before
        /// the epoch, which bounds the pairing error.
        public var sampleIntervalNanoseconds = 10_000_000.0
        /// The largest tick-rate error accepted from the fit (receiver oscillator, ppm); beyond it the nominal rate
        /// is kept.
        public var maximumRateErrorPPM = 500.0
        /// Anchors kept for the fit: 300 epochs is 60 s at 5 Hz. Long enough that a sampling phase walking through
        /// the epochs shows as a sawtooth the slope fit cannot absorb, short enough to follow oscillator drift.
        public var window = 300
        /// Anchors needed before `map` answers.
        public var minimumAnchors = 3
        /// An anchor further than this from the current mapping means the counter restarted (receiver reset) or a
        /// pairing went wrong: the mapper starts over.
        public var resetThresholdNanoseconds = 500_000_000.0
        public init() {}
    }

    struct Anchor: Sendable {
        var ticks: Int64
        var epoch: GPSTime
    }

    public let configuration: Configuration
    private var anchors: [Anchor] = []
    private var unwrapper = TagUnwrapper()
    /// Fitted tick length and offset: `gps = reference.epoch + offset + tick · (ticks − reference.ticks)` (ns),
    /// relative to a reference anchor so the doubles stay small and exact to well under a nanosecond.
    private var tick: Double
    private var offset: Double?
    private var reference: Anchor?
    /// How far above the envelope the highest anchor sits (≤ Δ when the pairing holds).
    private var spread = 0.0
    /// Times the mapping started over (counter restart or inconsistent anchor).
    public private(set) var resets = 0
    public private(set) var anchorsAccepted = 0

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        tick = configuration.nominalTickNanoseconds
    }

    /// True once `map` answers.
    public var isReady: Bool { offset != nil && anchors.count >= configuration.minimumAnchors }

    /// Pairs the newest tag of a sensor burst with the navigation epoch it was output after.
    public mutating func anchor(tag: UInt32, epoch: GPSTime) {
        let ticks = unwrapper.peek(tag)
        if let predicted = gpsTime(ticks: ticks), anchors.count >= configuration.minimumAnchors {
            let residual = Double((epoch - predicted).nanoseconds)
            if abs(residual) > configuration.resetThresholdNanoseconds {
                reset()
                unwrapper.restart()
                anchors.append(Anchor(ticks: unwrapper.unwrap(tag), epoch: epoch))
                anchorsAccepted += 1
                fit()
                return
            }
        }
        anchors.append(Anchor(ticks: unwrapper.unwrap(tag), epoch: epoch))
        if anchors.count > configuration.window { anchors.removeFirst(anchors.count - configuration.window) }
        anchorsAccepted += 1
        fit()
    }

    /// The GPS time of a sensor sample. σ combines the tag's quantisation (one tick, uniform) with the offset's
    /// remaining ambiguity (uniform over Δ − spread).
    /// Provenance is the receiver's own time scale: `provenance` is what the caller's time base gives the epochs.
    public func map(tag: UInt32, provenance: TimeProvenance = .gnssMessageOnly) -> StampedTime? {
        guard isReady, let gps = gpsTime(ticks: unwrapper.peek(tag)) else { return nil }
        let quantisation = tick / 12.0.squareRoot()
        let envelope = ambiguity / 12.0.squareRoot()
        let sigma = (quantisation * quantisation + envelope * envelope).squareRoot()
        return StampedTime(gps: gps, provenance: provenance, sigmaNanoseconds: sigma)
    }

    /// Width of the interval the true offset lies in below the envelope.
    private var ambiguity: Double { max(0, configuration.sampleIntervalNanoseconds - spread) }

    private func gpsTime(ticks: Int64) -> GPSTime? {
        guard let offset, let reference else { return nil }
        let ns = offset - ambiguity / 2 + tick * Double(ticks - reference.ticks)
        guard ns.isFinite, abs(ns) < 1e15 else { return nil }
        return reference.epoch + .nanoseconds(Int64(ns.rounded()))
    }

    /// The fitted tick length relative to nominal, ppm (positive: the counter's tick is longer than nominal).
    public var rateErrorPPM: Double { (tick / configuration.nominalTickNanoseconds - 1) * 1e6 }

    private mutating func reset() {
        anchors.removeAll()
        offset = nil
        reference = nil
        spread = 0
        tick = configuration.nominalTickNanoseconds
        resets += 1
    }

    /// Slope by least squares (the pairing error is uniform, so it does not bias the slope), then the offset as the
    /// lower envelope of the residuals.
    private mutating func fit() {
        guard let first = anchors.first else { return }
        let t0 = first.ticks
        let e0 = first.epoch
        var slope = configuration.nominalTickNanoseconds
        let xs = anchors.map { Double($0.ticks - t0) }
        let ys = anchors.map { Double(($0.epoch - e0).nanoseconds) }
        let n = Double(anchors.count)
        let mx = xs.reduce(0, +) / n
        let my = ys.reduce(0, +) / n
        var sxx = 0.0
        var sxy = 0.0
        for (x, y) in zip(xs, ys) {
            sxx += (x - mx) * (x - mx)
            sxy += (x - mx) * (y - my)
        }
        // Only trust a slope over a span long enough that the pairing error (≤ one sample interval) cannot move it
        // past the accepted rate error.
        if anchors.count >= 10, sxx > 0 {
            let fitted = sxy / sxx
            let limit = configuration.nominalTickNanoseconds * configuration.maximumRateErrorPPM / 1e6
            if abs(fitted - configuration.nominalTickNanoseconds) <= limit { slope = fitted }
        }
        let residuals = zip(xs, ys).map { x, y in y - slope * x }
        guard let low = residuals.min(), let high = residuals.max() else { return }
        tick = slope
        reference = first
        offset = low
        spread = high - low
    }
}

/// Turns the wrapping 32-bit tag into a monotone 64-bit count: each tag is read as the nearer of the counts that
/// share its low 32 bits, relative to the last tag seen, so a wrap (or a slightly older tag) unwraps correctly.
struct TagUnwrapper: Sendable {
    private var last: Int64?

    /// Unwraps and remembers `tag`.
    mutating func unwrap(_ tag: UInt32) -> Int64 {
        let value = peek(tag)
        last = value
        return value
    }

    /// The unwrapped value of `tag`, without remembering it.
    func peek(_ tag: UInt32) -> Int64 {
        guard let last else { return Int64(tag) }
        let delta = Int64(Int32(bitPattern: tag &- UInt32(truncatingIfNeeded: last)))
        return last + delta
    }

    mutating func restart() { last = nil }
}
