extension ClockModel {
    /// σ reported when there is no reference at all (no PPS, no GNSS message, no wall clock): about a year, ns.
    /// Finite so the value survives JSON; anything this large means "unknown".
    public static let unreferencedSigmaNanoseconds: Double = 3.15e16

    /// GPS time of a host instant, with provenance and one-sigma uncertainty.
    ///
    /// σ is one standard deviation of the error against the true mapping (not against a noisy edge): the Kalman
    /// covariance while PPS-locked, grown by the frequency uncertainty and the assumed wander in holdover, the
    /// message latency for `gnss-message-only`, and the wall clock's own σ for `host-only`. The benchmark checks
    /// that |error| ≤ 3σ in at least 99 % of samples. Best source wins: the PPS fit while locked or in holdover
    /// (unless message time has become better), else message time, else the host wall clock.
    public func convert(_ host: MonotonicInstant) -> StampedTime {
        let message = messages.estimate(at: host, frequency: frequencyForMessages)
        if let pps = ppsEstimate(at: host) {
            if pps.provenance == .ppsLocked { return pps }
            if let m = message, m.sigma < pps.sigmaNanoseconds {
                return StampedTime(
                    gps: GPSTime(nanosecondsSinceEpoch: m.gps),
                    provenance: .gnssMessageOnly,
                    sigmaNanoseconds: m.sigma
                )
            }
            return pps
        }
        if let m = message {
            return StampedTime(
                gps: GPSTime(nanosecondsSinceEpoch: m.gps),
                provenance: .gnssMessageOnly,
                sigmaNanoseconds: m.sigma
            )
        }
        if let wall = wallClock {
            let elapsed = host.nanoseconds &- wall.at.nanoseconds
            let atReading = GPSTime(unixUTCNanoseconds: wall.unixUTCNanoseconds, leapSeconds: leapSeconds)
            let gps = GPSTime(nanosecondsSinceEpoch: atReading.nanosecondsSinceEpoch &+ elapsed)
            let sigma = wall.sigmaNanoseconds + 100e-6 * abs(Double(elapsed))
            return StampedTime(gps: gps, provenance: .hostOnly, sigmaNanoseconds: sigma)
        }
        return StampedTime(
            gps: GPSTime(nanosecondsSinceEpoch: host.nanoseconds),
            provenance: .hostOnly,
            sigmaNanoseconds: Self.unreferencedSigmaNanoseconds
        )
    }

    /// The PPS fit's answer, when the model is locked, in holdover or relocking.
    func ppsEstimate(at host: MonotonicInstant) -> StampedTime? {
        guard let fit = filter else { return nil }
        let provenance: TimeProvenance
        switch state {
        case .locked:
            let age = lastGoodEdge.map { host.seconds(since: $0) } ?? .infinity
            provenance = age <= configuration.holdoverAfterSeconds ? .ppsLocked : .ppsHoldover
        case .holdover, .relocking:
            provenance = .ppsHoldover
        case .unsynced, .acquiring:
            return nil
        }
        let predicted = fit.predict(at: host)
        let gps = host.nanoseconds &+ fit.baseOffset &+ Int64(saturating: predicted.offset)
        return StampedTime(
            gps: GPSTime(nanosecondsSinceEpoch: gps),
            provenance: provenance,
            sigmaNanoseconds: predicted.variance.squareRoot()
        )
    }

    var frequencyForMessages: (value: Double, sigma: Double)? {
        guard let fit = filter else { return nil }
        return (fit.frequency, max(fit.pFrequencyFrequency.squareRoot(), 1))
    }

    /// UTC (Unix-epoch ns) of a GPS time with the GPS − UTC in use.
    public func unixUTCNanoseconds(of gps: GPSTime) -> Int64 { gps.unixUTCNanoseconds(leapSeconds: leapSeconds) }

    /// GPS time of a UTC instant (Unix-epoch ns), e.g. an NMEA time used as a label.
    public func gpsTime(unixUTCNanoseconds utc: Int64) -> GPSTime {
        GPSTime(unixUTCNanoseconds: utc, leapSeconds: leapSeconds)
    }
}
