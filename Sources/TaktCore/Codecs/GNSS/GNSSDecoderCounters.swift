/// What a `GNSSStreamDecoder` has seen, for status and health: bad input is counted, never fatal.
public struct GNSSDecoderCounters: Hashable, Sendable, Codable {
    public var nmeaSentences = 0
    public var ubxMessages = 0
    /// Checksum-valid UBX frames of types Takt does not interpret (passed through raw).
    public var ubxOther = 0
    /// UBX frames of a known type whose payload did not fit the layout.
    public var ubxMalformed = 0
    /// `$`-lines that failed checksum validation (or had none).
    public var nmeaBadChecksum = 0
    /// Complete UBX headers whose frame failed the Fletcher checksum.
    public var ubxBadChecksum = 0
    /// Sentences or garbage runs cut because they exceeded the length limit.
    public var oversize = 0
    public var garbageFrames = 0
    public var garbageBytes = 0
    public var commentLines = 0
    public var totalBytes = 0

    public init() {}
}
