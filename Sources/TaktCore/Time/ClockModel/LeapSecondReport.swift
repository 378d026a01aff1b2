/// GPS − UTC as reported by the receiver (NAV-TIMELS, RXM-RAWX `leapS`, gpsd TPV `leapseconds`).
public struct LeapSecondReport: Hashable, Sendable, Codable {
    public var gpsMinusUTCSeconds: Int
    public var receivedAt: MonotonicInstant

    public init(gpsMinusUTCSeconds: Int, receivedAt: MonotonicInstant) {
        self.gpsMinusUTCSeconds = gpsMinusUTCSeconds
        self.receivedAt = receivedAt
    }
}
