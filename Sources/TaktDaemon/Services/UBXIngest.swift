public import TaktCore

/// The u-blox raw-stream path shared by the serial GNSS service and the simulator: every byte goes to the
/// segment's `.ubx` exactly as received, one whole frame per record (so segments cut at frame boundaries), and the
/// decoded frames feed the time base (TIM-TP labels, NAV-PVT times, leap seconds) and the timeline (fixes).
public struct UBXIngest: Sendable {
    let sensorId: String
    let context: DaemonContext
    let file: String
    var decoder = GNSSStreamDecoder()
    var rate = SensorRate()
    public private(set) var frames = 0
    public private(set) var imuSamples = 0
    /// ESF sensor time tags to GPS time, anchored on the navigation epochs (see `SensorTimeTagMapper`).
    public private(set) var imuTime = SensorTimeTagMapper()
    /// The latest NAV-PVT epoch not yet paired with an ESF burst: the receiver outputs an epoch's sensor samples
    /// right after it, so the next burst's newest tag anchors to it.
    var epochAwaitingBurst: GPSTime?

    public init(sensorId: String, context: DaemonContext) {
        self.sensorId = sensorId
        self.context = context
        file = "gnss/\(sensorId).ubx"
    }

    public var counters: GNSSDecoderCounters { decoder.counters }

    public mutating func ingest(_ bytes: [UInt8], at host: MonotonicInstant) {
        decoder.append(bytes)
        let tb = context.timeBase
        while let frame = decoder.next() {
            frames += 1
            let raw = frame.raw
            rate.add(bytes: raw.count, at: host)
            let stamp = tb.stamp(host)
            context.recorder.submit(.raw(file: file, bytes: raw, records: 1, time: stamp.gps))
            guard case .ubx(let message, _) = frame else { continue }
            switch message {
            case .timTP(let tp):
                guard let pulse = tp.pulseTime else { continue }
                tb.handle(.ppsLabel(PPSLabel(
                    gps: pulse, receivedAt: host, source: .ubxTimTP,
                    quantisationErrorPicoseconds: tp.quantizationErrorPicoseconds)))
            case .rxmRawx(let r):
                if let leap = r.leapSecondsIfKnown {
                    tb.handle(.leapSeconds(LeapSecondReport(gpsMinusUTCSeconds: leap, receivedAt: host)))
                }
            case .navPVT(let p):
                guard p.validDate && p.validTime, let gps = p.gpsTime(leapSeconds: tb.leapSeconds) else { continue }
                tb.handle(.messageTime(GNSSMessageTime(gps: gps, receivedAt: host, source: .ubx)))
                epochAwaitingBurst = gps
                let mode = p.fixType >= 3 ? 3 : Int(p.fixType)
                context.board.modifyGNSS(sensorId) {
                    $0.connected = true
                    $0.fixMode = mode
                    $0.satellitesUsed = Int(p.numSV)
                    $0.latitude = p.latitude
                    $0.longitude = p.longitude
                    $0.horizontalAccuracyMeters = Double(p.horizontalAccuracyMillimeters) / 1000
                    $0.verticalAccuracyMeters = Double(p.verticalAccuracyMillimeters) / 1000
                    $0.speedMetersPerSecond = Double(p.groundSpeedMillimetersPerSecond) / 1000
                    $0.lastFixAgeSeconds = 0
                }
                guard p.gnssFixOK else { continue }
                let fixStamp = StampedTime(
                    gps: gps, provenance: stamp.provenance, sigmaNanoseconds: Double(max(1, p.timeAccuracyNanoseconds)))
                let t = TimelineTime(fixStamp, leapSeconds: tb.leapSeconds)
                context.publish(
                    "/gnss/\(sensorId)/fix", schema: .fix, time: t,
                    FixMessage(
                        time: t, frameId: sensorId, latitude: p.latitude, longitude: p.longitude,
                        altitude: Double(p.heightHAEMillimeters) / 1000,
                        horizontalSigma: Double(p.horizontalAccuracyMillimeters) / 1000,
                        verticalSigma: Double(p.verticalAccuracyMillimeters) / 1000, fixMode: mode,
                        fixStatus: p.gnssFixOK ? "fix" : "no-fix",
                        speedMps: Double(p.groundSpeedMillimetersPerSecond) / 1000,
                        trackDeg: Double(p.headingOfMotion) / 1e5, satellitesUsed: Int(p.numSV), hostReceive: host,
                        source: "UBX NAV-PVT"))
                publishNavigation(p, at: gps)
            case .esfRaw(let raw):
                anchorIMU(raw.samples.map(\.sensorTimeTag))
                publishIMU(raw.samples.map { ($0.sensorTimeTag, $0.data) }, source: "UBX ESF-RAW", at: host)
            case .esfMeas(let meas):
                anchorIMU([meas.timeTag])
                publishIMU(meas.data.map { (meas.timeTag, $0) }, source: "UBX ESF-MEAS", at: host)
            case .timTM2(let mark):
                // The receiver measured the edge in GPS time itself; σ is its accuracy estimate.
                guard let gps = mark.risingEdge else { continue }
                let stamp = StampedTime(
                    gps: gps, provenance: tb.stamp(host).provenance,
                    sigmaNanoseconds: Double(max(1, mark.accuracyEstimateNanoseconds)))
                let t = TimelineTime(stamp, leapSeconds: tb.leapSeconds)
                context.publish(
                    "/gnss/\(sensorId)/timemark", schema: .timeMark, time: t,
                    TimeMarkMessage(time: t, frameId: sensorId, mark: mark, hostReceive: host))
                context.navigation.publish(.mark(TimeMark(mark, leapSeconds: tb.leapSeconds), receiver: sensorId))
            default:
                continue
            }
        }
        let c = decoder.counters
        let r = rate
        let imu = imuSamples
        let resets = imuTime.resets
        context.board.modifySensor(sensorId) {
            $0.health = .ok
            $0.messagesPerSecond = r.messagesPerSecond
            $0.bytesPerSecond = r.bytesPerSecond
            $0.lastDataAgeSeconds = 0
            $0.counters["ubxBadChecksum"] = Int64(c.ubxBadChecksum)
            $0.counters["nmeaBadChecksum"] = Int64(c.nmeaBadChecksum)
            $0.counters["ubxMalformed"] = Int64(c.ubxMalformed)
            $0.counters["garbageBytes"] = Int64(c.garbageBytes)
            $0.counters["imuSamples"] = Int64(imu)
            $0.counters["imuTimeTagResets"] = Int64(resets)
        }
    }

    /// Hands a fix to the in-process consumers (trigger planner, pose history) with the receiver's Doppler velocity.
    private func publishNavigation(_ p: UBXNavPVT, at gps: GPSTime) {
        let position = GeodeticPoint(
            latitude: p.latitude, longitude: p.longitude, height: Double(p.heightHAEMillimeters) / 1000)
        guard LatLon(latitude: p.latitude, longitude: p.longitude).isValid else { return }
        let velocity = ENU(
            east: Double(p.velocityEastMillimetersPerSecond) / 1000, north: Double(p.velocityNorthMillimetersPerSecond) / 1000,
            up: -Double(p.velocityDownMillimetersPerSecond) / 1000)
        let h = Double(p.horizontalAccuracyMillimeters) / 1000
        context.navigation.publish(
            .fix(
                TriggerFix(time: gps, position: position, velocity: velocity, horizontalSigmaMeters: h),
                pose: PoseSample(
                    time: gps, position: position, velocity: velocity, horizontalSigmaMeters: h,
                    verticalSigmaMeters: Double(p.verticalAccuracyMillimeters) / 1000),
                receiver: sensorId))
    }

    /// Pairs the newest tag of the first burst after an epoch with that epoch.
    private mutating func anchorIMU(_ tags: [UInt32]) {
        guard let epoch = epochAwaitingBurst, let newest = Self.newest(tags) else { return }
        epochAwaitingBurst = nil
        imuTime.anchor(tag: newest, epoch: epoch)
    }

    /// The newest of a burst's tags, read across a counter wrap.
    static func newest(_ tags: [UInt32]) -> UInt32? {
        guard var best = tags.first else { return nil }
        for t in tags.dropFirst() where Int32(bitPattern: t &- best) > 0 { best = t }
        return best
    }

    /// IMU sample sets go on the timeline at their sensor time tag mapped to GPS time once the mapping is anchored
    /// (σ from the mapper: ms-class), before that at their arrival time through the clock model (σ covers the
    /// receiver's output latency). The raw tag is kept either way. Mapped samples also go to the trigger planner.
    private mutating func publishIMU(_ words: [(UInt32, UBXEsfData)], source: String, at host: MonotonicInstant) {
        let arrival = context.timeBase.timelineTime(host)
        let leap = arrival.leapSeconds
        var planner: [TriggerIMUSample] = []
        for set in ImuMessage.sampleSets(words.map { (tag: $0.0, data: $0.1) }) {
            imuSamples += 1
            let time: TimelineTime
            if let mapped = imuTime.map(tag: set.tag) {
                time = TimelineTime(mapped, leapSeconds: leap)
                if let forward = set.accel.x {
                    planner.append(
                        TriggerIMUSample(
                            time: mapped.gps, forwardAccelerationMetersPerSecond2: forward,
                            yawRateDegreesPerSecond: set.gyro.z))
                }
            } else {
                let stamp = StampedTime(
                    gps: arrival.stamp.gps, provenance: arrival.stamp.provenance,
                    sigmaNanoseconds: max(arrival.stamp.sigmaNanoseconds, Self.imuLatencySigmaNanoseconds))
                time = TimelineTime(stamp, leapSeconds: leap)
            }
            context.publish(
                "/imu/\(sensorId)", schema: .imu, time: time,
                ImuMessage(
                    time: time, frameId: sensorId, sensorTimeTag: set.tag, gyro: set.gyro, accel: set.accel,
                    temperatureC: set.temp, source: source, hostReceive: host))
        }
        if !planner.isEmpty { context.navigation.publish(.imu(planner, receiver: sensorId)) }
    }

    /// One-sigma of the receiver's IMU output latency when stamped on arrival.
    static let imuLatencySigmaNanoseconds = 5_000_000.0
}
