/// What the exposure reconciler is told: trigger commands, hardware time marks and images from the camera.
public enum ExposureEvent: Sendable, Equatable {
    /// The camera was commanded for trigger `seq` (host send time, already on GPS time via the clock model).
    case commanded(seq: UInt32, at: StampedTime)
    /// A time mark from the receiver's event input.
    case mark(TimeMark)
    /// The camera delivered an image for `seq` (the camera driver knows which capture it answered).
    case image(DeliveredImage)
    /// Trigger `seq` will deliver no image (the camera refused InitiateCapture, the trigger box refused or never
    /// acknowledged the pulse, the camera announced nothing): it is reported missing now, not after the image
    /// timeout. With `noExposure` the driver knows no pulse went out (refused, never sent): no mark is expected and
    /// the edge counter steps over it; otherwise the exposure may have happened and its mark is still matched.
    case captureFailed(seq: UInt32, noExposure: Bool)
    /// Time has advanced to this GPS instant: settled triggers are finalised.
    case tick(GPSTime)
    /// End of the session: everything pending is finalised.
    case finish
}

/// An image the camera delivered, as the reconciler sees it (the USB driver's `CameraImage` carries the bytes).
public struct DeliveredImage: Sendable, Equatable {
    public var seq: UInt32
    /// Path relative to the segment's `data/` directory, e.g. `img/cam0/000123.jpg`.
    public var file: String
    /// Exposure time the device itself reported (e.g. a camera with a GNSS-disciplined clock), if any.
    public var deviceReported: StampedTime?

    public init(seq: UInt32, file: String, deviceReported: StampedTime? = nil) {
        self.seq = seq
        self.file = file
        self.deviceReported = deviceReported
    }
}

/// What the reconciler hands back: finished records and every anomaly it saw, each reported once.
public enum ExposureOutput: Sendable, Equatable {
    case record(ExposureRecord)
    case anomaly(ExposureAnomaly)
}
