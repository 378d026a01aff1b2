/// Bridges from the GNSS decoders' records to the camera core, so the daemon feeds the planner, the pose
/// history and the reconciler straight from `GNSSEpochAssembler` output.
extension TriggerFix {
    /// A fix from a decoded epoch with GPS time, a 2D/3D position and (when reported) speed and track.
    public init?(_ epoch: GNSSEpoch) {
        guard let t = epoch.gpsTime, let lat = epoch.latitude, let lon = epoch.longitude, epoch.mode >= 2,
            LatLon(latitude: lat, longitude: lon).isValid
        else { return nil }
        self.init(
            time: t, position: GeodeticPoint(latitude: lat, longitude: lon, height: epoch.altHAEMeters ?? 0),
            velocity: epoch.enuVelocity, horizontalSigmaMeters: epoch.horizontalAccuracyMeters)
    }
}

extension PoseSample {
    /// A pose sample (no attitude: GNSS epochs carry at most a heading) from a decoded epoch.
    public init?(_ epoch: GNSSEpoch) {
        guard let fix = TriggerFix(epoch) else { return nil }
        self.init(
            time: fix.time, position: fix.position, velocity: fix.velocity,
            horizontalSigmaMeters: epoch.horizontalAccuracyMeters, verticalSigmaMeters: epoch.verticalAccuracyMeters)
    }
}

extension GNSSEpoch {
    /// Horizontal velocity from speed over ground and track (the vertical rate is not in every message set).
    var enuVelocity: ENU? {
        guard let v = speedMetersPerSecond, v.isFinite else { return nil }
        guard let track = trackDegrees, track.isFinite else { return v == 0 ? .zero : nil }
        let (s, c) = Trig.sinCos(Trig.radians(track))
        return ENU(east: v * s, north: v * c)
    }
}

extension TimeMark {
    /// From the epoch assembler's time-mark record (TIM-TM2 as decoded on the serial GNSS path).
    public init(_ mark: GNSSTimeMark, leapSeconds: Int) {
        var rising = mark.timeValid ? mark.risingEdge : nil
        if mark.timeBase == "utc" { rising = rising.map { $0 + .seconds(leapSeconds) } }
        self.init(
            channel: UInt8(clamping: mark.channel), count: UInt16(truncatingIfNeeded: mark.count), rising: rising,
            accuracyNanoseconds: Double(mark.accuracyEstimateNanoseconds))
    }
}
