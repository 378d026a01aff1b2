/// How a sensor's packets map to a gap-free sequence number, the basis of exact loss accounting.
public enum LiDARSequencing: Sendable, Hashable {
    /// Ouster: frame id × packets per frame + first measurement id ÷ columns per packet (frame id unwrapped).
    case ouster(OusterPacketFormat)
    /// Velodyne: timestamp distance from the newest packet ÷ packet period, added to its number. `nil` period: take
    /// it from the product table, else learn it from the first two packets (which must then be consecutive) and
    /// refine it from consecutive packets.
    case velodyne(packetPeriodNanoseconds: Int64?)
}

/// Unwraps a wrapping counter (frame id, µs-past-hour) against the last forward value.
struct CounterUnwrapper: Sendable, Hashable {
    let modulus: Int64
    private var lastRaw: Int64?
    private var lastUnwrapped: Int64 = 0

    init(modulus: Int64) { self.modulus = modulus }

    /// The unwrapped value; only forward steps move the reference, so late packets unwrap into the right cycle.
    mutating func unwrap(_ raw: Int64) -> Int64 {
        guard let last = lastRaw else {
            lastRaw = raw
            lastUnwrapped = raw
            return raw
        }
        var delta = (raw - last).floorMod(modulus)
        if delta > modulus / 2 { delta -= modulus }
        let value = lastUnwrapped + delta
        if delta > 0 {
            lastRaw = raw
            lastUnwrapped = value
        }
        return value
    }
}
