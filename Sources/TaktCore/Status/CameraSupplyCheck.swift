/// Whether the camera's battery and storage last: pure, so the thresholds are tested directly. The storage
/// check asks "does the next `aheadMinutes` of images at the current rate still fit?", counted in images when the
/// camera reports free images, else in bytes at the mean image size seen.
public struct CameraSupplyCheck: Sendable, Hashable {
    public var lowBatteryPercent = 20
    public var aheadMinutes = 30.0

    public init(lowBatteryPercent: Int = 20, aheadMinutes: Double = 30) {
        self.lowBatteryPercent = lowBatteryPercent
        self.aheadMinutes = aheadMinutes
    }

    /// Minutes of images the storage still holds at `imagesPerMinute`; nil when there is no rate or no figure.
    public func minutesLeft(_ r: CameraDeviceReading, imagesPerMinute: Double, meanImageBytes: Double?) -> Double? {
        guard imagesPerMinute > 0 else { return nil }
        if let images = r.freeImages { return Double(images) / imagesPerMinute }
        if let free = r.freeBytes, let mean = meanImageBytes, mean > 0 {
            return Double(free) / mean / imagesPerMinute
        }
        return nil
    }

    /// Sentences for `takt status` warnings, empty when all is well.
    public func warnings(
        camera: String, _ r: CameraDeviceReading, imagesPerMinute: Double, meanImageBytes: Double?
    ) -> [String] {
        var out: [String] = []
        if let b = r.batteryPercent, b < lowBatteryPercent {
            out.append("\(camera) battery \(b) % (below \(lowBatteryPercent) %)")
        }
        if r.freeImages == 0 || r.freeBytes == 0 {
            out.append("\(camera) storage full")
        } else if let m = minutesLeft(r, imagesPerMinute: imagesPerMinute, meanImageBytes: meanImageBytes),
            m < aheadMinutes
        {
            let rate = Int(imagesPerMinute.rounded())
            let left = Int(m.rounded(.down))
            out.append("\(camera) storage holds \(left) min of images at \(rate)/min (less than \(Int(aheadMinutes)) min)")
        }
        return out
    }
}
