/// When the camera thread should read battery and storage again: every `interval` (30 s), and after a capture
/// (the store just shrank) but no more often than `afterCaptureGap`, so a camera firing every 0.3 s does not
/// spend two extra PTP transactions on each image. Pure: the thread passes its own clock readings.
public struct CameraDeviceRefresh: Sendable {
    public var interval: Duration
    public var afterCaptureGap: Duration
    private var last: MonotonicInstant?
    private var capturedSinceRead = false

    public init(interval: Duration = .seconds(30), afterCaptureGap: Duration = .seconds(5)) {
        self.interval = interval
        self.afterCaptureGap = afterCaptureGap
    }

    /// A capture completed.
    public mutating func captured() { capturedSinceRead = true }

    /// A new connection: read at once.
    public mutating func connected() { last = nil }

    /// Whether to read now; if so, the read is taken as done.
    public mutating func due(at now: MonotonicInstant) -> Bool {
        let wanted: Bool
        if let last {
            let age = now - last
            wanted = age >= interval || (capturedSinceRead && age >= afterCaptureGap)
        } else {
            wanted = true
        }
        if wanted {
            last = now
            capturedSinceRead = false
        }
        return wanted
    }
}
