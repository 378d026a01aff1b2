/// `takt.Trigger` on `/camera/<id>/trigger`.
public struct TriggerMessage: Codable, Sendable, Equatable {
    public var timestamp: TimelineStamp
    public var gpsTimeNs: Int64
    public var timeProvenance: TimeProvenance
    public var timeSigmaNs: Double
    public var frameId: String
    public var seq: UInt32
    public var cause: TriggerCause
    public var distanceM: Double
    public var speedMps: Double
    public var late: Bool
    public var deferred: Bool

    /// `provenance`/σ describe the time base the planner's fixes were on.
    public init(fire: TriggerFire, camera: String, provenance: TimeProvenance, sigmaNanoseconds: Double, leapSeconds: Int) {
        timestamp = TimelineStamp(unixNanoseconds: fire.time.unixUTCNanoseconds(leapSeconds: leapSeconds))
        gpsTimeNs = fire.time.nanosecondsSinceEpoch
        timeProvenance = provenance
        timeSigmaNs = sigmaNanoseconds
        frameId = camera
        seq = fire.seq
        cause = fire.cause
        distanceM = fire.distanceMeters
        speedMps = fire.speedMetersPerSecond
        late = fire.late
        deferred = fire.deferred
    }
}

/// `takt.Exposure` on `/camera/<id>/exposure`: the image record downstream tools and `takt export images` use.
public struct ExposureMessage: Codable, Sendable, Equatable {
    public struct Pose: Codable, Sendable, Equatable {
        public var latitude: Double
        public var longitude: Double
        public var altitude: Double
        public var velocityEnuMps: [Double]?
        public var headingDeg: Double?
        public var pitchDeg: Double?
        public var rollDeg: Double?
        public var headingSource: String?
        public var horizontalSigmaM: Double?
        public var verticalSigmaM: Double?
        public var attitudeSigmaDeg: Double?
        public var extrapolationS: Double

        public init(_ p: InterpolatedPose) {
            latitude = p.position.latitude
            longitude = p.position.longitude
            altitude = p.position.height
            velocityEnuMps = p.velocity.map { [$0.east, $0.north, $0.up] }
            headingDeg = p.headingDegrees
            pitchDeg = p.pitchDegrees
            rollDeg = p.rollDegrees
            headingSource = p.headingSource
            horizontalSigmaM = p.horizontalSigmaMeters
            verticalSigmaM = p.verticalSigmaMeters
            attitudeSigmaDeg = p.attitudeSigmaDegrees
            extrapolationS = p.extrapolationSeconds
        }

        public var speedMps: Double? {
            guard let v = velocityEnuMps, v.count == 3 else { return nil }
            return (v[0] * v[0] + v[1] * v[1]).squareRoot()
        }
    }

    public var timestamp: TimelineStamp
    public var gpsTimeNs: Int64
    public var timeProvenance: TimeProvenance
    public var timeSigmaNs: Double
    public var frameId: String
    public var seq: UInt32
    public var commandGpsNs: Int64
    public var commandTimeProvenance: TimeProvenance
    public var commandSigmaNs: Double
    public var exposureSource: ExposureTimeSource
    public var markStatus: MarkStatus
    public var markCount: UInt16?
    public var file: String?
    public var pose: Pose?
    public var leverArmM: [Double]?
    public var boresightDeg: Attitude?

    public init(record r: ExposureRecord, camera: SensorConfig, pose: InterpolatedPose?, leapSeconds: Int) {
        timestamp = TimelineStamp(unixNanoseconds: r.exposureTime.gps.unixUTCNanoseconds(leapSeconds: leapSeconds))
        gpsTimeNs = r.exposureTime.gps.nanosecondsSinceEpoch
        timeProvenance = r.exposureTime.provenance
        timeSigmaNs = r.exposureTime.sigmaNanoseconds
        frameId = camera.id
        seq = r.seq
        commandGpsNs = r.commandTime.gps.nanosecondsSinceEpoch
        commandTimeProvenance = r.commandTime.provenance
        commandSigmaNs = r.commandTime.sigmaNanoseconds
        exposureSource = r.source
        markStatus = r.markStatus
        markCount = r.markCount
        file = r.imageFile
        self.pose = pose.map(Pose.init)
        leverArmM = camera.leverArmMeters.map { [$0.x, $0.y, $0.z] }
        boresightDeg = camera.boresightDegrees
    }

    public var exposureTime: GPSTime { GPSTime(nanosecondsSinceEpoch: gpsTimeNs) }
}
