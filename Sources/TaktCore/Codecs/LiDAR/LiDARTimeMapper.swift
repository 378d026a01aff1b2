/// Maps a LiDAR's own timestamp to GPS time per its timestamp mode and compares it with the host path (kernel
/// receive time through the clock model), giving a per-frame sync verdict with the measured offset.
///
/// ```swift
/// var mapper = LiDARTimeMapper(mode: .ousterPTP)
/// let m = mapper.map(sensorTimestamp: column.timestampNanoseconds, hostGPS: stamped.gps, leapSeconds: 18)
/// m.sensorGPS          // GPS time from the sensor's clock (nil when it cannot be placed)
/// m.verdict            // .synchronised / .offset / .unsynchronised
/// ```
/// Pure: no clock is read; the host-path GPS time comes in with each call. For Velodyne, position packets update
/// the PPS state with `observe(velodynePPS:)`; anything but `.locked` makes the verdict `.unsynchronised`.
public struct LiDARTimeMapper: Sendable, Hashable {
    public var mode: LiDARTimestampMode
    /// Largest |sensor − host| still called synchronised. Covers packetisation (a packet is sent after its last
    /// column), network and kernel latency, and the host path's own σ.
    public var toleranceNanoseconds: Int64
    /// Beyond this the sensor is called unsynchronised rather than offset.
    public var offsetLimitNanoseconds: Int64 = 60 * GPSTime.nanosecondsPerSecond
    /// The last PPS state a Velodyne reported (nil until a position packet arrives).
    public private(set) var velodynePPS: VelodynePositionPacket.PPSStatus?

    public init(mode: LiDARTimestampMode, toleranceNanoseconds: Int64 = 10_000_000) {
        self.mode = mode
        self.toleranceNanoseconds = toleranceNanoseconds
    }

    public mutating func observe(velodynePPS status: VelodynePositionPacket.PPSStatus) { velodynePPS = status }

    /// Unix seconds of 1970-01-01 TAI expressed as a GPS-epoch offset: GPS = PTP − (GPS epoch in Unix s + 19 s).
    static let ptpMinusGPSNanoseconds =
        (GPSTime.unixEpochOffsetSeconds + GPSTime.taiMinusGPSSeconds) * GPSTime.nanosecondsPerSecond
    /// Timestamps above this (2001-09-09 in Unix ns) are taken as absolute UTC in sync-pulse mode (NMEA-set).
    static let absoluteUnixThreshold: UInt64 = 1_000_000_000 * 1_000_000_000
    static let hour = 3_600 * GPSTime.nanosecondsPerSecond

    /// `sensorTimestamp`: Ouster column timestamp in ns; Velodyne µs past the hour. `hostSigmaNanoseconds`: the
    /// host path's σ; the tolerance widens by 3σ so a poorly known host time never condemns a good sensor clock.
    public func map(
        sensorTimestamp: UInt64, hostGPS: GPSTime, leapSeconds: Int, hostSigmaNanoseconds: Double = 0
    ) -> LiDARTimeMapping {
        let tolerance = toleranceNanoseconds + Int64(min(max(3 * hostSigmaNanoseconds, 0), 1e12))
        let leap = Int64(leapSeconds) * GPSTime.nanosecondsPerSecond
        let host = hostGPS.nanosecondsSinceEpoch
        switch mode {
        case .ousterInternalOscillator:
            // Seconds since power-up: report the raw difference so a drifting oscillator can be followed.
            let raw = Int64(truncatingIfNeeded: sensorTimestamp)
            return LiDARTimeMapping(sensorGPS: nil, offsetNanoseconds: raw &- host, verdict: .unsynchronised)
        case .ousterPTP:
            let gps = Int64(truncatingIfNeeded: sensorTimestamp) &- Self.ptpMinusGPSNanoseconds
            return judge(gps: gps, host: host, claimsSync: true, tolerance: tolerance)
        case .ousterSyncPulse:
            if sensorTimestamp >= Self.absoluteUnixThreshold {
                let unix = Int64(truncatingIfNeeded: sensorTimestamp)
                let gps = unix - GPSTime.unixEpochOffsetSeconds * GPSTime.nanosecondsPerSecond + leap
                return judge(gps: gps, host: host, claimsSync: true, tolerance: tolerance)
            }
            // Pulse count only: the sub-second phase must match; place the time in the host's second.
            let second = GPSTime.nanosecondsPerSecond
            var phase = (Int64(sensorTimestamp % UInt64(second)) - host.floorMod(second)).floorMod(second)
            if phase > second / 2 { phase -= second }
            return judge(gps: host + phase, host: host, claimsSync: true, tolerance: tolerance)
        case .velodyneTopOfHour:
            let micros = Int64(sensorTimestamp % UInt64(VelodyneDataPacket.microsecondsPerHour))
            let hostUTC = host - leap
            var utc = hostUTC.floorDiv(Self.hour) * Self.hour + micros * 1_000
            if utc - hostUTC > Self.hour / 2 { utc -= Self.hour }
            if hostUTC - utc > Self.hour / 2 { utc += Self.hour }
            return judge(gps: utc + leap, host: host, claimsSync: velodynePPS == .locked, tolerance: tolerance)
        }
    }

    private func judge(gps: Int64, host: Int64, claimsSync: Bool, tolerance: Int64) -> LiDARTimeMapping {
        let offset = gps &- host
        let magnitude = offset == .min ? Int64.max : abs(offset)
        let verdict: LiDARSyncVerdict =
            if !claimsSync || magnitude > offsetLimitNanoseconds {
                .unsynchronised
            } else if magnitude > tolerance {
                .offset
            } else {
                .synchronised
            }
        return LiDARTimeMapping(
            sensorGPS: GPSTime(nanosecondsSinceEpoch: gps), offsetNanoseconds: offset, verdict: verdict)
    }
}

/// One timestamp's conversion: the GPS time from the sensor's clock and how it compares with the host path.
public struct LiDARTimeMapping: Sendable, Hashable {
    /// GPS time from the sensor's own clock; nil when the mode cannot place it (internal oscillator).
    public var sensorGPS: GPSTime?
    /// Sensor-derived minus host-path GPS time (raw sensor ns minus host GPS ns for the internal oscillator).
    public var offsetNanoseconds: Int64
    public var verdict: LiDARSyncVerdict

    public init(sensorGPS: GPSTime?, offsetNanoseconds: Int64, verdict: LiDARSyncVerdict) {
        self.sensorGPS = sensorGPS
        self.offsetNanoseconds = offsetNanoseconds
        self.verdict = verdict
    }
}
