public import TaktCore

/// What the GNSS ingest paths hand to in-process consumers (the camera path) besides the timeline: each fix as
/// the planner and the pose history want it, and each hardware time mark.
public enum NavigationSignal: Sendable, Equatable {
    case fix(TriggerFix, pose: PoseSample, receiver: String)
    case mark(TimeMark, receiver: String)
    /// One burst of IMU samples (u-blox: one ESF-RAW per navigation epoch), already on GPS time.
    case imu([TriggerIMUSample], receiver: String)
}
