public import TaktCore

/// Messages/s and bytes/s over the last second-ish, from counts the service adds as data arrives.
public struct SensorRate: Sendable {
    private var windowStart: MonotonicInstant?
    private var messages = 0
    private var bytes = 0
    public private(set) var messagesPerSecond = 0.0
    public private(set) var bytesPerSecond = 0.0
    public private(set) var lastData: MonotonicInstant?

    public init() {}

    public mutating func add(bytes n: Int, at t: MonotonicInstant) {
        if windowStart == nil { windowStart = t }
        messages += 1
        bytes += n
        lastData = t
        roll(at: t)
    }

    /// Closes the window once it is a second old (call also from a periodic tick so rates fall to zero).
    public mutating func roll(at t: MonotonicInstant) {
        guard let start = windowStart else { return }
        let dt = Double(t.nanoseconds - start.nanoseconds) / 1e9
        guard dt >= 1 else { return }
        messagesPerSecond = Double(messages) / dt
        bytesPerSecond = Double(bytes) / dt
        messages = 0
        bytes = 0
        windowStart = t
    }

    public func ageOfLastData(at t: MonotonicInstant) -> Double? {
        lastData.map { Double(t.nanoseconds - $0.nanoseconds) / 1e9 }
    }
}
