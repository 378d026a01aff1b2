/// Why a framed line is not a usable NMEA sentence. The stream decoder counts these and keeps the bytes as garbage.
public enum NMEAParseError: Error, Hashable, Sendable {
    /// The line does not start with `$` or `!`.
    case noStart
    /// No `*hh` at the end. NMEA 0183 makes the checksum optional but every receiver Takt supports sends one,
    /// and without it line noise would be accepted as data.
    case missingChecksum
    /// The XOR of the body does not match the transmitted checksum.
    case badChecksum(computed: UInt8, given: UInt8)
    /// Control or 8-bit characters inside a checksum-valid body.
    case nonPrintable
}
