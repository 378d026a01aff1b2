/// Everything the clock model reacts to. Each carries its own host instant: the model never reads a clock.
public enum ClockModelEvent: Hashable, Sendable {
    case ppsEdge(PPSEdge)
    case ppsLabel(PPSLabel)
    case messageTime(GNSSMessageTime)
    case leapSeconds(LeapSecondReport)
    case wallClock(HostWallClockReading)
    /// Time has passed with nothing else to report (the daemon sends one a second) so PPS loss is noticed.
    case tick(MonotonicInstant)
}
