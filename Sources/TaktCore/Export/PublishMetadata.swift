/// What a publish-ready panorama carries: capture time (UTC), position, direction, speed and accuracy, in the
/// tags Panoramax's and Mapillary's readers look for, plus the GPano sphere description.
public struct PublishMetadata: Sendable, Equatable {
    /// Capture instant as UTC Unix nanoseconds (GPS time minus the leap seconds).
    public var captureUTCNanoseconds: Int64
    public var latitude: Double
    public var longitude: Double
    /// Height, metres (written as GPSAltitude with its above/below reference).
    public var altitude: Double
    /// One-sigma horizontal position error, metres (GPSHPositioningError: Panoramax's quality score input).
    public var horizontalErrorMeters: Double?
    /// Compass heading of the image centre, degrees clockwise from true north (GPSImgDirection, GPano pose).
    public var headingDegrees: Double?
    public var pitchDegrees: Double?
    public var rollDegrees: Double?
    public var speedMetersPerSecond: Double?
    /// Course over ground, degrees from true north (GPSTrack).
    public var trackDegrees: Double?
    public var dop: Double?
    public var make: String?
    public var model: String?
    public var software: String

    public init(
        captureUTCNanoseconds: Int64, latitude: Double, longitude: Double, altitude: Double,
        horizontalErrorMeters: Double? = nil, headingDegrees: Double? = nil, pitchDegrees: Double? = nil,
        rollDegrees: Double? = nil, speedMetersPerSecond: Double? = nil, trackDegrees: Double? = nil,
        dop: Double? = nil, make: String? = nil, model: String? = nil, software: String = "takt"
    ) {
        self.captureUTCNanoseconds = captureUTCNanoseconds
        self.latitude = latitude
        self.longitude = longitude
        self.altitude = altitude
        self.horizontalErrorMeters = horizontalErrorMeters
        self.headingDegrees = headingDegrees
        self.pitchDegrees = pitchDegrees
        self.rollDegrees = rollDegrees
        self.speedMetersPerSecond = speedMetersPerSecond
        self.trackDegrees = trackDegrees
        self.dop = dop
        self.make = make
        self.model = model
        self.software = software
    }
}
