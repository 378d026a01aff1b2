public import TaktCore

/// What the simulator sends for a generated Velodyne (rig `options.simulatedProduct`): data packets of a
/// `VelodyneStreamModel` stamped with the simulated drive's UTC µs past the hour, position packets with PPS locked
/// and a `$GPRMC` of the same second, and optional deterministic drops. Pure, so the stream is testable without
/// sockets.
///
/// Rig options (strings): `simulatedProduct` (`VLP-16`, `VLP-32C`, `HDL-32E`, `VLS-128`), `rpm` (default 600),
/// `returnMode` (`strongest`, `last`, `dual`), `dropEveryNthPacket` (drop data packets n−1, 2n−1, …; default
/// none), `positionPacketsPerSecond` (default 50).
public struct VelodyneSimulationPlan: Sendable, Hashable {
    public var model: VelodyneStreamModel
    public var dropEvery: Int?
    public var positionPeriod: Duration

    public init(model: VelodyneStreamModel, dropEvery: Int? = nil, positionPeriod: Duration = .milliseconds(20)) {
        self.model = model
        self.dropEvery = dropEvery
        self.positionPeriod = positionPeriod
    }

    /// The plan a rig sensor asks for, or nil when it names no `simulatedProduct`; unknown values are an error.
    public init?(options: [String: String]?) throws(LiDARReplayError) {
        guard let name = options?["simulatedProduct"] else { return nil }
        let products: [String: VelodyneProduct] = [
            "VLP-16": .vlp16, "VLP-32C": .vlp32C, "HDL-32E": .hdl32E, "VLS-128": .vls128,
        ]
        guard let product = products[name] else {
            throw .capture("unknown simulatedProduct \(name) (one of \(products.keys.sorted()))")
        }
        let modes: [String: VelodyneReturnMode] = ["strongest": .strongest, "last": .last, "dual": .dual]
        let modeName = options?["returnMode"] ?? "strongest"
        guard let mode = modes[modeName] else { throw .capture("unknown returnMode \(modeName)") }
        let rpm = options?["rpm"].flatMap(Double.init) ?? 600
        guard rpm >= 300, rpm <= 1200 else { throw .capture("rpm \(rpm) outside 300…1200") }
        let drop = options?["dropEveryNthPacket"].flatMap(Int.init)
        if let drop, drop < 2 { throw .capture("dropEveryNthPacket must be ≥ 2") }
        let rate = options?["positionPacketsPerSecond"].flatMap(Int.init) ?? 50
        self.init(
            model: VelodyneStreamModel(product: product, returnMode: mode, rpm: rpm), dropEvery: drop,
            positionPeriod: .nanoseconds(1_000_000_000 / Int64(max(rate, 1))))
    }

    /// Whether data packet `index` is one the plan drops.
    public func drops(_ index: Int64) -> Bool {
        guard let dropEvery else { return false }
        return index % Int64(dropEvery) == Int64(dropEvery - 1)
    }

    /// The sensor's clock at GPS time `gps`: UTC µs past the top of the hour.
    public static func microsecondsPastHour(_ gps: GPSTime, leapSeconds: Int) -> UInt32 {
        let micros = gps.unixUTCNanoseconds(leapSeconds: leapSeconds) / 1000
        return UInt32(truncatingIfNeeded: ((micros % 3_600_000_000) + 3_600_000_000) % 3_600_000_000)
    }

    /// Position packet for GPS time `gps`: PPS locked, `$GPRMC` of that UTC second.
    public static func positionPacket(gps: GPSTime, leapSeconds: Int) -> [UInt8] {
        let utc = UTCText.iso8601(unixNanoseconds: gps.unixUTCNanoseconds(leapSeconds: leapSeconds))
        let chars = Array(utc)  // yyyy-mm-ddThh:mm:ss.nnnnnnnnnZ
        let time = String(chars[11...12] + chars[14...15] + chars[17...18])
        let date = String(chars[8...9] + chars[5...6] + chars[2...3])
        let body = "GPRMC,\(time),A,4807.038,N,01131.000,E,000.0,000.0,\(date),000.0,E"
        let checksum = body.utf8.reduce(UInt8(0), ^)
        let hex = String(checksum, radix: 16, uppercase: true)
        let sentence = "$\(body)*\(hex.count == 1 ? "0" + hex : hex)"
        return VelodyneStreamModel.positionPacket(
            microsecondsPastHour: microsecondsPastHour(gps, leapSeconds: leapSeconds), pps: .locked,
            sentence: sentence)
    }
}
