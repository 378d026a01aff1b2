import Foundation
import TaktCore
import Testing

/// Epoch assembly from NMEA cycles, UBX NAV-PVT and standalone records; every case also drip-fed.
@Suite struct GNSSEpochAssemblerTests {
    static func nmea(_ bodies: [String]) -> [UInt8] {
        Array(bodies.map { "$\($0)*\(NMEAParserTests.checksum($0))\r\n" }.joined().utf8)
    }

    static func epochs(_ out: DripFeed.Output) -> [GNSSEpoch] {
        out.records.compactMap { if case .epoch(let e) = $0 { e } else { nil } }
    }

    @Test func timeOnlyGGABeforeDateThenDateCarriedAcrossMidnight() throws {
        let out = DripFeed.verify(
            Self.nmea([
                "GPGGA,235958.00,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,",  // no date known yet
                "GPGGA,235959.00,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,",
                "GPRMC,235959.00,A,4807.038,N,01131.000,E,022.4,084.4,311225,003.1,W",
                "GPGGA,000000.00,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,",  // next day, date carried
            ]))
        let e = Self.epochs(out)
        try #require(e.count == 3)
        #expect(e[0].time == nil && e[0].utcTimeOfDayNanoseconds == Int64(86_398) * 1_000_000_000)
        #expect(e[0].mode == 3 && e[0].altHAEMeters == 545.4 + 46.9)
        #expect(e[1].time == "2025-12-31T23:59:59.000000000Z")
        #expect(e[1].speedMetersPerSecond == 22.4 * 1852 / 3600 && e[1].trackDegrees == 84.4)
        #expect(e[2].time == "2026-01-01T00:00:00.000000000Z")
        #expect(e[2].leapSeconds == 18 && e[2].leapSecondsFromReceiver == false)
        let gps = try #require(e[2].gpsTime)
        #expect(gps.unixUTCNanoseconds(leapSeconds: 18) == e[2].utcUnixNanoseconds)
    }

    @Test func zdaDateWinsAndGSTAddsSigmas() throws {
        let out = DripFeed.verify(
            Self.nmea([
                "GNGGA,120000.00,4807.038,S,01131.000,W,4,20,0.5,10.0,M,2.0,M,1.0,0001",
                "GNGST,120000.00,0.010,0.020,0.010,45.0,0.015,0.012,0.030",
                "GNZDA,120000.00,29,02,2024,00,00",
                "GNRMC,120001.00,A,4807.038,S,01131.000,W,0.0,0.0,010399,,,R",  // RMC's year would say 1999
                "GNZDA,120001.00,01,03,2024,00,00",
            ]))
        let e = Self.epochs(out)
        try #require(e.count == 2)
        #expect(e[0].time == "2024-02-29T12:00:00.000000000Z" && e[0].fixQuality == 4)
        #expect(e[0].latitudeSigmaMeters == 0.015 && e[0].altitudeSigmaMeters == 0.030)
        #expect(e[1].time == "2024-03-01T12:00:01.000000000Z" && e[1].mode == 3)  // RMC keeps the 3D mode
        let (lat, lon) = (try #require(e[0].latitude), try #require(e[0].longitude))
        #expect(lat < 0 && lon < 0)
    }

    @Test func navPVTEpochAndLeapSecondsFromTimeGPS() throws {
        var pvt = [UInt8](repeating: 0, count: 92)
        func put32(_ v: Int32, _ o: Int) { for i in 0..<4 { pvt[o + i] = UInt8(truncatingIfNeeded: v >> (8 * i)) } }
        put32(345_618_000, 0)
        pvt[4] = 0xEA; pvt[5] = 0x07; pvt[6] = 11; pvt[7] = 25; pvt[8] = 8; pvt[9] = 0; pvt[10] = 0
        pvt[11] = 0x07
        put32(-250_000, 16)  // nano: 250 µs before the whole second
        pvt[20] = 3; pvt[21] = 0x01; pvt[23] = 17
        put32(115_000_000, 24); put32(481_000_000, 28); put32(600_000, 32); put32(552_000, 36)
        var tgps = [UInt8](repeating: 0, count: 16)
        tgps[8] = 0x3C; tgps[9] = 0x09; tgps[10] = 18; tgps[11] = 0x07
        let bytes =
            UBXFrame.encode(messageClass: 0x01, id: 0x20, payload: tgps)
            + UBXFrame.encode(messageClass: 0x01, id: 0x07, payload: pvt)
        let e = try #require(Self.epochs(DripFeed.verify(bytes)).first)
        #expect(e.source == .ubxNavPVT && e.mode == 3 && e.satellitesUsed == 17)
        #expect(e.time == "2026-11-25T07:59:59.999750000Z" && e.leapSecondsFromReceiver == true)
        let (lat, lon) = (try #require(e.latitude), try #require(e.longitude))
        #expect(abs(lat - 48.1) < 1e-12 && abs(lon - 11.5) < 1e-12)
        #expect(e.altHAEMeters == 600 && e.altMSLMeters == 552 && e.geoidSeparationMeters == 48)
    }

    @Test func timeMarksPulsesAndIMUBecomeRecords() throws {
        var tm2 = [UInt8](repeating: 0, count: 28)
        tm2[1] = 0x80 | 0x40 | 0x08  // new rising edge, time valid, GNSS time base
        tm2[2] = 5
        tm2[4] = 0x3C; tm2[5] = 0x09  // week 2364
        tm2[8] = 0x40; tm2[9] = 0x42; tm2[10] = 0x0F  // 1_000_000 ms
        tm2[12] = 0x39; tm2[13] = 0x30  // 12345 ns
        var raw = [UInt8](repeating: 0, count: 4)
        raw += [0x00, 0x10, 0x00, 14, 0x64, 0, 0, 0]  // gyro x = 4096 → 1 deg/s, ttag 100
        raw += [0x00, 0xFC, 0xFF, 18, 0x64, 0, 0, 0]  // accel z = -1024 → -1 m/s²
        let bytes =
            UBXFrame.encode(messageClass: 0x0D, id: 0x03, payload: tm2)
            + UBXFrame.encode(messageClass: 0x10, id: 0x03, payload: raw)
        let out = DripFeed.verify(bytes)
        try #require(out.records.count == 3)
        guard case .timeMark(let m) = out.records[0], case .imu(let gx) = out.records[1],
            case .imu(let az) = out.records[2]
        else { Issue.record("unexpected records \(out.records)"); return }
        #expect(m.count == 5 && m.timeBase == "gnss" && m.fallingEdge == nil)
        #expect(m.risingEdge == GPSTime(week: 2364, timeOfWeekNanoseconds: 1_000_000_000_000 + 12_345))
        #expect(gx.quantity == "gyroX" && gx.value == 1 && gx.sensorTimeTag == 100)
        #expect(az.quantity == "accelZ" && az.value == -1)
    }

    /// The JSON keys are an interface (takt decode --json, the MCAP timeline): pin them.
    @Test func recordJSONKeysAreStable() throws {
        var e = GNSSEpoch(source: .nmea, mode: 3)
        e.setUTC(unixNanoseconds: 1_764_057_600_000_000_000, leapSeconds: 18)
        e.latitude = 1
        let data = try JSONEncoder().encode(GNSSRecord.epoch(e))
        let obj = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(
            Set(obj.keys) == [
                "kind", "source", "mode", "time", "utcUnixNanoseconds", "utcTimeOfDayNanoseconds", "gpsTime",
                "leapSeconds", "leapSecondsFromReceiver", "latitude",
            ])
        #expect(obj["kind"] as? String == "epoch" && obj["time"] as? String == "2025-11-25T08:00:00.000000000Z")
        #expect(try JSONDecoder().decode(GNSSRecord.self, from: data) == .epoch(e))
    }

    @Test func leapSecondTableAndCalendar() {
        #expect(GPSLeapSeconds.at(unixUTCNanoseconds: 0) == 0)
        let d = { (y: Int, m: Int, dd: Int) in CivilCalendar.daysSinceUnixEpoch(year: y, month: m, day: dd) * 86_400 }
        #expect(GPSLeapSeconds.at(unixUTCNanoseconds: (d(2015, 6, 30) + 86_399) * 1_000_000_000) == 16)
        #expect(GPSLeapSeconds.at(unixUTCNanoseconds: d(2015, 7, 1) * 1_000_000_000) == 17)
        #expect(GPSLeapSeconds.at(unixUTCNanoseconds: d(2017, 1, 1) * 1_000_000_000) == 18)
        #expect(d(1980, 1, 6) == GPSTime.unixEpochOffsetSeconds)
        for days in stride(from: Int64(-800_000), through: 800_000, by: 997) {
            let (y, m, dd) = CivilCalendar.date(daysSinceUnixEpoch: days)
            #expect(CivilCalendar.daysSinceUnixEpoch(year: y, month: m, day: dd) == days)
        }
    }

    @Test func ecefToGeodeticRoundTrip() {
        // Points built forward from geodetic coordinates with the textbook formulas, then inverted.
        for (lat, lon, h) in [(44.0688, -121.3143, 1110.2), (-34.9, 138.6, 25.0), (89.9, 10, 0), (0, 0, -50)] {
            let a = WGS84.semiMajorAxis
            let e2 = WGS84.flattening * (2 - WGS84.flattening)
            let (sl, cl) = (sin(lat * .pi / 180), cos(lat * .pi / 180))
            let n = a / (1 - e2 * sl * sl).squareRoot()
            let x = (n + h) * cl * cos(lon * .pi / 180)
            let y = (n + h) * cl * sin(lon * .pi / 180)
            let z = (n * (1 - e2) + h) * sl
            let g = WGS84.geodetic(x: x, y: y, z: z)
            #expect(abs(g.latitude - lat) < 1e-10 && abs(g.longitude - lon) < 1e-10 && abs(g.height - h) < 1e-5)
        }
    }
}
