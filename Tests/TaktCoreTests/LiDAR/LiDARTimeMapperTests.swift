import TaktCore
import Testing

/// 2023-07-12T12:34:56Z in its three spellings (computed with Python's calendar.timegm, independent of Takt):
/// GPS ns (leap 18), PTP/TAI ns since 1970 (TAI − UTC = 37 s) and Velodyne µs past the hour.
private let gps = GPSTime(nanosecondsSinceEpoch: 1_373_200_514_000_000_000)
private let ptp: UInt64 = 1_689_165_333_000_000_000
private let unixUTC: UInt64 = 1_689_165_296_000_000_000
private let pastHourMicros: UInt64 = 2_096_000_000

@Suite("LiDAR sensor time → GPS time")
struct LiDARTimeMapperTests {
    @Test func ptpIsTAIMinus19Seconds() {
        let m = LiDARTimeMapper(mode: .ousterPTP).map(sensorTimestamp: ptp + 250_000, hostGPS: gps, leapSeconds: 18)
        #expect(m.sensorGPS == GPSTime(nanosecondsSinceEpoch: gps.nanosecondsSinceEpoch + 250_000))
        #expect(m.offsetNanoseconds == 250_000)
        #expect(m.verdict == .synchronised)
    }

    @Test func ptpOffByALeapSecondSettingIsOffset() {
        // A grandmaster sending UTC instead of TAI: 37 s behind.
        let m = LiDARTimeMapper(mode: .ousterPTP).map(sensorTimestamp: unixUTC, hostGPS: gps, leapSeconds: 18)
        #expect(m.offsetNanoseconds == -37_000_000_000)
        #expect(m.verdict == .offset)
    }

    @Test func ptpWithoutGrandmasterIsUnsynchronised() {
        // An unlocked PTP clock counts from boot (1970).
        let m = LiDARTimeMapper(mode: .ousterPTP).map(
            sensorTimestamp: 120_000_000_000, hostGPS: gps, leapSeconds: 18)
        #expect(m.verdict == .unsynchronised)
    }

    @Test func aPoorlyKnownHostTimeWidensTheTolerance() {
        let mapper = LiDARTimeMapper(mode: .ousterPTP)
        // 40 ms off: an offset against a PPS-locked host (σ 1 µs), within 3σ of a message-only host (σ 20 ms).
        #expect(
            mapper.map(sensorTimestamp: ptp + 40_000_000, hostGPS: gps, leapSeconds: 18, hostSigmaNanoseconds: 1_000)
                .verdict == .offset)
        #expect(
            mapper.map(
                sensorTimestamp: ptp + 40_000_000, hostGPS: gps, leapSeconds: 18, hostSigmaNanoseconds: 20_000_000
            )
            .verdict == .synchronised)
    }

    @Test func internalOscillatorIsNeverGPSTime() {
        let m = LiDARTimeMapper(mode: .ousterInternalOscillator).map(
            sensorTimestamp: 5_000_000_000, hostGPS: gps, leapSeconds: 18)
        #expect(m.sensorGPS == nil)
        #expect(m.verdict == .unsynchronised)
        #expect(m.offsetNanoseconds == 5_000_000_000 - gps.nanosecondsSinceEpoch)
    }

    @Test func syncPulseWithNMEAIsUnixUTC() {
        let m = LiDARTimeMapper(mode: .ousterSyncPulse).map(
            sensorTimestamp: unixUTC - 2_000_000, hostGPS: gps, leapSeconds: 18)
        #expect(m.offsetNanoseconds == -2_000_000)
        #expect(m.verdict == .synchronised)
    }

    @Test(arguments: [(Int64(3_000_000), LiDARSyncVerdict.synchronised), (-400_000_000, .offset)])
    func syncPulseWithoutNMEAComparesThePhase(phase: Int64, verdict: LiDARSyncVerdict) {
        // 42 pulses counted, 3 ms (or −400 ms) away from the GPS second boundary.
        let sensor = UInt64(Int64(42_000_000_000) + phase + (phase < 0 ? 1_000_000_000 : 0))
        let m = LiDARTimeMapper(mode: .ousterSyncPulse).map(sensorTimestamp: sensor, hostGPS: gps, leapSeconds: 18)
        #expect(m.offsetNanoseconds == phase)
        #expect(m.verdict == verdict)
    }

    @Test func velodyneTakesTheHourFromGPSAndAddsLeapSeconds() {
        var mapper = LiDARTimeMapper(mode: .velodyneTopOfHour)
        mapper.observe(velodynePPS: .locked)
        let m = mapper.map(sensorTimestamp: pastHourMicros + 17, hostGPS: gps, leapSeconds: 18)
        #expect(m.sensorGPS == GPSTime(nanosecondsSinceEpoch: gps.nanosecondsSinceEpoch + 17_000))
        #expect(m.verdict == .synchronised)
    }

    @Test func velodyneAcrossTheHourBoundary() {
        var mapper = LiDARTimeMapper(mode: .velodyneTopOfHour)
        mapper.observe(velodynePPS: .locked)
        // Host already in the next hour (+1 ms), sensor stamped 2 ms before the top of the hour.
        let topOfNextHour = gps.nanosecondsSinceEpoch + (3_600 - (34 * 60 + 56)) * 1_000_000_000
        let host = GPSTime(nanosecondsSinceEpoch: topOfNextHour + 1_000_000)
        let m = mapper.map(sensorTimestamp: 3_599_998_000, hostGPS: host, leapSeconds: 18)
        #expect(m.offsetNanoseconds == -3_000_000)
        #expect(m.verdict == .synchronised)
    }

    @Test(arguments: [VelodynePositionPacket.PPSStatus.absent, .synchronizing, .error])
    func velodyneWithoutPPSLockIsUnsynchronised(status: VelodynePositionPacket.PPSStatus) {
        var mapper = LiDARTimeMapper(mode: .velodyneTopOfHour)
        mapper.observe(velodynePPS: status)
        #expect(mapper.map(sensorTimestamp: pastHourMicros, hostGPS: gps, leapSeconds: 18).verdict == .unsynchronised)
    }

    @Test func modesParseFromTheirOusterNames() {
        #expect(LiDARTimestampMode(rawValue: "TIME_FROM_PTP_1588") == .ousterPTP)
        #expect(LiDARTimestampMode(rawValue: "TIME_FROM_SYNC_PULSE_IN") == .ousterSyncPulse)
        #expect(LiDARTimestampMode(rawValue: "TIME_FROM_INTERNAL_OSC") == .ousterInternalOscillator)
    }
}

@Suite("Rig check of lidar options")
struct LiDARRigOptionTests {
    static func rig(model: String, options: [String: String]?) -> RigConfig {
        RigConfig(
            vehicleId: "V1",
            sensors: [
                SensorConfig(
                    id: "l0", kind: .lidar, model: model, connection: Connection(udp: UDPEndpoint(ports: [7502, 7503])),
                    leverArmMeters: Vector3(x: 0, y: 0, z: 2), options: options)
            ], output: OutputPolicy(directory: "/data/takt"))
    }

    @Test func unknownTimestampModeIsAnError() {
        let problems = Self.rig(model: "Ouster OS-1", options: ["metadataFile": "m.json", "timestampMode": "GPS"]).problems()
        #expect(problems.filter { $0.path.contains("options") }.map(\.path) == ["sensors[0].options.timestampMode"])
        #expect(problems.first { $0.path.contains("options") }?.severity == .error)
    }

    @Test func ousterWithoutMetadataIsWarnedVelodyneIsNot() {
        let ouster = Self.rig(model: "Ouster OS-1", options: nil).problems().filter { $0.path.contains("options") }
        #expect(ouster.map(\.path) == ["sensors[0].options.metadataFile"])
        #expect(ouster.first?.severity == .warning)
        let velodyne = Self.rig(model: "Velodyne VLP-16", options: ["timestampMode": "VELODYNE_TOP_OF_HOUR"]).problems()
        #expect(velodyne.filter { $0.path.contains("options") }.isEmpty)
    }
}
