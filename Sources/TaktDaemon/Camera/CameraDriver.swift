public import TaktCore

/// One camera as the camera service drives it: fire a trigger by sequence number, get back what became of it.
/// The PTP worker (USB camera), a trigger box and the simulator each implement it.
public protocol CameraDriver: Sendable {
    /// Events in order; the stream ends after `shutdown`.
    var events: AsyncStream<CameraDriverEvent> { get }
    func start()
    /// Fires trigger `seq` now (the service calls it at the planned host deadline).
    func trigger(seq: UInt32)
    func shutdown()
    /// Human-readable driver name for status.
    var detail: String { get }
}

/// What a camera driver reports back.
public enum CameraDriverEvent: Sendable {
    /// The image of trigger `seq`, exactly as the camera sent it.
    case image(seq: UInt32, bytes: [UInt8], deviceReported: StampedTime?, at: MonotonicInstant)
    /// Trigger `seq` produced no image; `reason` is for the operator. The exposure may still have happened (its
    /// time mark is still matched).
    case failed(seq: UInt32, reason: String, at: MonotonicInstant)
    /// Trigger `seq` certainly produced no exposure and no image: nothing went out (the trigger box refused the
    /// pulse, the command could not be sent). No time mark is expected for it.
    case notExposed(seq: UInt32, reason: String, at: MonotonicInstant)
    /// The link to the camera went down (a gap) or came back.
    case linkDown(reason: String, at: MonotonicInstant)
    case linkUp(detail: String, at: MonotonicInstant)
    /// Battery and storage as the camera just reported them.
    case deviceStatus(CameraDeviceReading, at: MonotonicInstant)
}
