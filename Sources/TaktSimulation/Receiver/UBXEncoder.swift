import Foundation
public import TaktCore

/// Builds the UBX messages a simulated u-blox F9 emits: NAV-PVT, TIM-TP and RXM-RAWX (enough for RTKLIB convbin
/// to write RINEX observations from the simulated raw stream).
public enum UBXEncoder {
    struct Writer {
        var bytes: [UInt8] = []
        mutating func u1(_ v: UInt8) { bytes.append(v) }
        mutating func i1(_ v: Int8) { bytes.append(UInt8(bitPattern: v)) }
        mutating func u2(_ v: UInt16) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
        mutating func i2(_ v: Int16) { u2(UInt16(bitPattern: v)) }
        mutating func u4(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
        mutating func i4(_ v: Int32) { u4(UInt32(bitPattern: v)) }
        mutating func r4(_ v: Float) { u4(v.bitPattern) }
        mutating func r8(_ v: Double) { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
        mutating func zeros(_ n: Int) { bytes.append(contentsOf: repeatElement(0, count: n)) }
    }

    /// UBX-NAV-PVT (0x01 0x07), 92 bytes.
    public static func navPVT(_ s: DriveState, at t: GPSTime, leapSeconds: Int, satellites: Int) -> [UInt8] {
        let utcNs = t.unixUTCNanoseconds(leapSeconds: leapSeconds)
        let secs = utcNs.floorDivided(by: 1_000_000_000)
        let nano = Int32(utcNs - secs * 1_000_000_000)
        let day = secs.floorDivided(by: 86_400)
        let sod = secs - day * 86_400
        let (y, mo, d) = CivilCalendar.date(daysSinceUnixEpoch: day)
        let h = s.headingDegrees * .pi / 180
        var w = Writer()
        w.u4(UInt32(t.timeOfWeekNanoseconds / 1_000_000))
        w.u2(UInt16(y))
        w.u1(UInt8(mo))
        w.u1(UInt8(d))
        w.u1(UInt8(sod / 3600))
        w.u1(UInt8(sod % 3600 / 60))
        w.u1(UInt8(sod % 60))
        w.u1(0x07)  // validDate | validTime | fullyResolved
        w.u4(20)  // tAcc ns
        w.i4(nano)
        w.u1(3)  // 3D fix
        w.u1(0x01)  // gnssFixOK
        w.u1(0)
        w.u1(UInt8(satellites))
        w.i4(Int32((s.longitude * 1e7).rounded()))
        w.i4(Int32((s.latitude * 1e7).rounded()))
        w.i4(Int32((s.heightMeters * 1000).rounded()))
        w.i4(Int32(((s.heightMeters - 48.3) * 1000).rounded()))
        w.u4(12)  // hAcc mm
        w.u4(20)  // vAcc mm
        w.i4(Int32((s.speedMetersPerSecond * cos(h) * 1000).rounded()))
        w.i4(Int32((s.speedMetersPerSecond * sin(h) * 1000).rounded()))
        w.i4(0)
        w.i4(Int32((s.speedMetersPerSecond * 1000).rounded()))
        w.i4(Int32((s.headingDegrees * 1e5).rounded()))
        w.u4(50)  // sAcc mm/s
        w.u4(50_000)  // headAcc 1e-5 deg
        w.u2(120)  // pDOP 1.2
        w.u2(0)
        w.zeros(4)
        w.i4(Int32((s.headingDegrees * 1e5).rounded()))
        w.i2(0)
        w.u2(0)
        return UBXFrame.encode(messageClass: 0x01, id: 0x07, payload: w.bytes)
    }

    /// UBX-TIM-TP (0x0D 0x01): announces the time of the *next* pulse.
    public static func timTP(nextPulse t: GPSTime, quantizationErrorPicoseconds: Int32) -> [UInt8] {
        var w = Writer()
        w.u4(UInt32(t.timeOfWeekNanoseconds / 1_000_000))
        w.u4(0)
        w.i4(quantizationErrorPicoseconds)
        w.u2(UInt16(t.week))
        w.u1(0x03)  // timeBase = UTC? bit0: 1 = UTC; bit1: UTC available. Keep GNSS timebase: bit0 = 0.
        w.u1(0)
        var p = w.bytes
        p[14] = 0x02  // timeBase GNSS, UTC available
        return UBXFrame.encode(messageClass: 0x0D, id: 0x01, payload: p)
    }

    /// UBX-RXM-RAWX (0x02 0x15) with plausible GPS L1 C/A measurements for `satellites` SVs.
    public static func rxmRAWX(at t: GPSTime, leapSeconds: Int, satellites: Int, seed: UInt64) -> [UInt8] {
        var w = Writer()
        let tow = Double(t.timeOfWeekNanoseconds) / 1e9
        w.r8(tow)
        w.u2(UInt16(t.week))
        w.i1(Int8(leapSeconds))
        w.u1(UInt8(satellites))
        w.u1(0x01)  // leapSec determined
        w.u1(1)
        w.zeros(2)
        let lambdaL1 = 299_792_458.0 / 1_575.42e6
        for k in 0..<satellites {
            let sv = [2, 5, 7, 9, 13, 15, 18, 20, 23, 26, 29, 30][k % 12]
            // Range changes smoothly with time so carrier phase is continuous between epochs.
            let base = 20_200_000.0 + Double(sv) * 123_457.0
            let rate = Double((Int(sv) * 37) % 700) - 350.0
            let pr = base + rate * tow.truncatingRemainder(dividingBy: 3600) + Double((seed &+ UInt64(k)) % 7) * 0.1
            w.r8(pr)
            w.r8(pr / lambdaL1)
            w.r4(Float(-rate / lambdaL1))
            w.u1(0)  // GPS
            w.u1(UInt8(sv))
            w.u1(0)  // L1C/A
            w.u1(0)
            w.u2(64_500)
            w.u1(UInt8(38 + k % 8))
            w.u1(0x03)
            w.u1(0x02)
            w.u1(0x04)
            w.u1(0x07)
            w.u1(0)
        }
        return UBXFrame.encode(messageClass: 0x02, id: 0x15, payload: w.bytes)
    }

    /// UBX-ESF-RAW (0x10 0x03) with one sample set per entry: gyro x/y/z (deg/s, 2^-12), accel x/y/z (m/s², 2^-10).
    public static func esfRAW(samples: [(timeTag: UInt32, gyro: (Double, Double, Double), accel: (Double, Double, Double))]) -> [UInt8] {
        var w = Writer()
        w.zeros(4)
        func word(_ type: UInt8, _ value: Double, scale: Double) -> UInt32 {
            let raw = Int32(max(-8_388_608, min(8_388_607, (value * scale).rounded())))
            return (UInt32(type) << 24) | (UInt32(bitPattern: raw) & 0x00FF_FFFF)
        }
        for s in samples {
            for (type, v, scale) in [
                (UInt8(14), s.gyro.0, 4096.0), (13, s.gyro.1, 4096), (5, s.gyro.2, 4096),
                (16, s.accel.0, 1024), (17, s.accel.1, 1024), (18, s.accel.2, 1024),
            ] {
                w.u4(word(type, v, scale: scale))
                w.u4(s.timeTag)
            }
        }
        return UBXFrame.encode(messageClass: 0x10, id: 0x03, payload: w.bytes)
    }
}
