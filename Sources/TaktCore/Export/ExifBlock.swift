/// The EXIF APP1 payload (TIFF IFD0 / Exif IFD / GPS IFD) for a publish-ready panorama.
///
/// Precision is chosen so readers get the value back, not an approximation: latitude/longitude as
/// degrees/minutes/seconds with seconds in 1e-6 (3 µm), altitude and errors in millimetres, angles and speed in
/// 1e-6, times in microseconds (DateTimeOriginal + 6-digit SubSecTimeOriginal, GPSTimeStamp seconds in 1e-6).
public enum ExifBlock {
    /// Exif tags written (for documentation and tests).
    enum Tag {
        static let make: UInt16 = 0x010F, model: UInt16 = 0x0110, software: UInt16 = 0x0131, dateTime: UInt16 = 0x0132
        static let exifVersion: UInt16 = 0x9000, dateTimeOriginal: UInt16 = 0x9003
        static let offsetTime: UInt16 = 0x9010, offsetTimeOriginal: UInt16 = 0x9011
        static let subSecTime: UInt16 = 0x9290, subSecTimeOriginal: UInt16 = 0x9291
        static let pixelX: UInt16 = 0xA002, pixelY: UInt16 = 0xA003
    }

    /// Microsecond-rounded UTC calendar fields.
    struct UTCFields {
        var year: Int, month: Int, day: Int
        var hour: Int, minute: Int, second: Int, microsecond: Int

        init(unixNanoseconds ns: Int64) {
            let us = (ns + (ns >= 0 ? 500 : -500)) / 1_000
            let secs = us.floorDiv(1_000_000)
            microsecond = Int(us.floorMod(1_000_000))
            let days = secs.floorDiv(86_400)
            let sod = Int(secs.floorMod(86_400))
            (year, month, day) = CivilCalendar.date(daysSinceUnixEpoch: days)
            hour = sod / 3_600
            minute = (sod / 60) % 60
            second = sod % 60
        }

        var exifDate: String { "\(p(year, 4)):\(p(month)):\(p(day))" }
        var exifDateTime: String { "\(exifDate) \(p(hour)):\(p(minute)):\(p(second))" }
        var subSeconds: String { p(microsecond, 6) }
        private func p(_ v: Int, _ w: Int = 2) -> String { String(v).leftPadded(to: w) }
    }

    /// The bytes after "Exif\0\0": a complete TIFF structure.
    public static func tiff(_ m: PublishMetadata, width: Int, height: Int) -> [UInt8] {
        typealias E = TIFFBuilder.Entry
        let utc = UTCFields(unixNanoseconds: m.captureUTCNanoseconds)
        var ifd0: [E] = [.ascii(Tag.software, m.software), .ascii(Tag.dateTime, utc.exifDateTime)]
        if let make = m.make { ifd0.append(.ascii(Tag.make, make)) }
        if let model = m.model { ifd0.append(.ascii(Tag.model, model)) }
        let exif: [E] = [
            .undefined(Tag.exifVersion, Array("0232".utf8)),
            .ascii(Tag.dateTimeOriginal, utc.exifDateTime),
            .ascii(Tag.offsetTime, "+00:00"), .ascii(Tag.offsetTimeOriginal, "+00:00"),
            .ascii(Tag.subSecTime, utc.subSeconds), .ascii(Tag.subSecTimeOriginal, utc.subSeconds),
            .long(Tag.pixelX, UInt32(clamping: width)), .long(Tag.pixelY, UInt32(clamping: height)),
        ]
        return TIFFBuilder(ifd0: ifd0, exif: exif, gps: gps(m, utc)).encode()
    }

    static func gps(_ m: PublishMetadata, _ utc: UTCFields) -> [TIFFBuilder.Entry] {
        typealias E = TIFFBuilder.Entry
        var g: [E] = [
            .bytes(0x0000, [2, 3, 0, 0]),
            .ascii(0x0001, m.latitude < 0 ? "S" : "N"), .rationals(0x0002, dms(m.latitude)),
            .ascii(0x0003, m.longitude < 0 ? "W" : "E"), .rationals(0x0004, dms(m.longitude)),
            .bytes(0x0005, [m.altitude < 0 ? 1 : 0]), .rationals(0x0006, [fixed(abs(m.altitude), 1_000)]),
            .rationals(
                0x0007,
                [
                    (UInt32(utc.hour), 1), (UInt32(utc.minute), 1),
                    (UInt32(utc.second) * 1_000_000 + UInt32(utc.microsecond), 1_000_000),
                ]),
            .ascii(0x0012, "WGS-84"),
            .ascii(0x001D, utc.exifDate),
        ]
        if let dop = m.dop, dop.isFinite, dop >= 0 { g.append(.rationals(0x000B, [fixed(dop, 1_000)])) }
        if let v = m.speedMetersPerSecond, v.isFinite, v >= 0 {
            g.append(.ascii(0x000C, "K"))
            g.append(.rationals(0x000D, [fixed(v * 3.6, 1_000_000)]))
        }
        if let t = m.trackDegrees, t.isFinite {
            g.append(.ascii(0x000E, "T"))
            g.append(.rationals(0x000F, [fixed(normalized(t), 1_000_000)]))
        }
        if let h = m.headingDegrees, h.isFinite {
            g.append(.ascii(0x0010, "T"))
            g.append(.rationals(0x0011, [fixed(normalized(h), 1_000_000)]))
        }
        if let e = m.horizontalErrorMeters, e.isFinite, e >= 0 { g.append(.rationals(0x001F, [fixed(e, 1_000)])) }
        return g
    }

    /// |angle| as degrees, minutes and seconds with 1e-6 s resolution, rounded once in integer arithmetic so
    /// 59.9999999 s carries into the minute instead of being written as 60 s.
    static func dms(_ angle: Double) -> [(UInt32, UInt32)] {
        let total = Int64((abs(angle) * 3_600_000_000).rounded())
        let perDegree: Int64 = 3_600_000_000
        let perMinute: Int64 = 60_000_000
        let d = total / perDegree
        let m = (total % perDegree) / perMinute
        let s = total % perMinute
        return [(UInt32(d), 1), (UInt32(m), 1), (UInt32(s), 1_000_000)]
    }

    static func fixed(_ x: Double, _ denominator: UInt32) -> (UInt32, UInt32) {
        let n = (x * Double(denominator)).rounded()
        return (n >= 0 && n < 4.29e9 ? UInt32(n) : UInt32.max, denominator)
    }

    static func normalized(_ deg: Double) -> Double {
        var d = deg.truncatingRemainder(dividingBy: 360)
        if d < 0 { d += 360 }
        return d >= 359.9999995 ? 0 : d
    }
}
