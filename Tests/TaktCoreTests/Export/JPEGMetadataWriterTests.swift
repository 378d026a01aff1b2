import Foundation
import TaktCore
import Testing

/// The pure EXIF/XMP writer on a real Pillow JPEG: exiftool reads every value back, the image data is untouched,
/// the camera's old EXIF is replaced, and bad input is a typed error.
@Suite struct JPEGMetadataWriterTests {
    static func pillowJPEG(width: Int) throws -> [UInt8] {
        let dir = try ExternalTool.temporaryDirectory("jpeg-writer")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("in.jpg").path
        try ExternalTool.run(
            "python3",
            [
                "-c",
                """
                import sys
                from PIL import Image
                w = int(sys.argv[2]); img = Image.new("RGB", (w, w // 2), (30, 120, 200))
                exif = Image.Exif(); exif[0x010F] = "OldMake"; exif[0x0132] = "2019:01:01 00:00:00"
                img.save(sys.argv[1], "JPEG", quality=80, exif=exif)
                """, path, "\(width)",
            ])
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test func southWestBelowEllipsoidReadsBackInExiftool() throws {
        let jpeg = try Self.pillowJPEG(width: 256)
        #expect(try JPEGMetadataWriter.dimensions(of: jpeg) == (256, 128))
        // 2026-03-01T23:59:59.9999996Z rounds up into the next day: the date must carry.
        let utc = CivilCalendar.daysSinceUnixEpoch(year: 2026, month: 3, day: 1) * 86_400_000_000_000 + 86_399_999_999_600
        let m = PublishMetadata(
            captureUTCNanoseconds: utc, latitude: -33.8567844444, longitude: -151.2152966667, altitude: -12.345,
            horizontalErrorMeters: 0.5, headingDegrees: 359.9999999, pitchDegrees: -2.25, rollDegrees: 0.000001,
            speedMetersPerSecond: 0, trackDegrees: 181.5, dop: 1.2, make: "RICOH", model: "RICOH THETA X")
        let out = try JPEGMetadataWriter.publishReady(jpeg, metadata: m)
        // Everything from the first scan on is byte-identical.
        let sos = try #require(jpeg.firstRange(of: [0xFF, 0xDA]))
        let outSOS = try #require(out.firstRange(of: [0xFF, 0xDA]))
        #expect(Array(jpeg[sos.lowerBound...]) == Array(out[outSOS.lowerBound...]))

        let dir = try ExternalTool.temporaryDirectory("jpeg-writer-out")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("out.jpg")
        try Data(out).write(to: file)
        let json = try ExternalTool.run("exiftool", ["-j", "-n", "-G1", "-a", "-warning", "-all", file.path])
        let tags = try #require((try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])?.first)
        func num(_ k: String) -> Double? { (tag(k) as? NSNumber)?.doubleValue }
        func tag(_ k: String) -> Any? { tags[k] }
        #expect(abs((num("GPS:GPSLatitude") ?? 0) - 33.8567844444) < 1e-9 && tags["GPS:GPSLatitudeRef"] as? String == "S")
        #expect(abs((num("GPS:GPSLongitude") ?? 0) - 151.2152966667) < 1e-9 && tags["GPS:GPSLongitudeRef"] as? String == "W")
        #expect(abs((num("Composite:GPSLatitude") ?? 0) + 33.8567844444) < 1e-9)
        #expect(abs((num("Composite:GPSLongitude") ?? 0) + 151.2152966667) < 1e-9)
        #expect(num("GPS:GPSAltitude") == 12.345 && num("GPS:GPSAltitudeRef") == 1)
        #expect(num("GPS:GPSImgDirection") == 0, "359.9999999° rounds to 360 and wraps to 0")
        #expect(num("GPS:GPSTrack") == 181.5 && num("GPS:GPSSpeed") == 0 && num("GPS:GPSDOP") == 1.2)
        #expect(tags["GPS:GPSDateStamp"] as? String == "2026:03:02")
        #expect(tags["GPS:GPSTimeStamp"] as? String == "00:00:00")
        #expect(tags["ExifIFD:DateTimeOriginal"] as? String == "2026:03:02 00:00:00")
        #expect("\(tags["ExifIFD:SubSecTimeOriginal"] ?? "")" == "000000")
        #expect(tags["IFD0:Make"] as? String == "RICOH", "the camera's old EXIF is replaced")
        #expect(num("XMP-GPano:PosePitchDegrees") == -2.25 && num("XMP-GPano:PoseRollDegrees") == 0.000001)
        #expect(num("XMP-GPano:CroppedAreaImageWidthPixels") == 256 && num("XMP-GPano:CroppedAreaTopPixels") == 0)
        #expect(tags["ExifTool:Warning"] == nil, "exiftool found nothing to complain about: \(tags["ExifTool:Warning"] ?? "")")
    }

    @Test func badInputIsATypedError() throws {
        let m = PublishMetadata(captureUTCNanoseconds: 0, latitude: 1, longitude: 1, altitude: 0)
        #expect(throws: JPEGMetadataWriter.Failure.notJPEG) { try JPEGMetadataWriter.publishReady([1, 2, 3, 4], metadata: m) }
        let jpeg = try Self.pillowJPEG(width: 64)
        #expect(throws: JPEGMetadataWriter.Failure.self) { try JPEGMetadataWriter.publishReady(Array(jpeg.prefix(30)), metadata: m) }
        var noFrame: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xDA, 0x00, 0x02, 0xFF, 0xD9]
        #expect(throws: JPEGMetadataWriter.Failure.noFrameHeader) { try JPEGMetadataWriter.publishReady(noFrame, metadata: m) }
        noFrame[5] = 0xFF
        #expect(throws: JPEGMetadataWriter.Failure.self) { try JPEGMetadataWriter.dimensions(of: noFrame) }
    }
}

/// Mutated JPEGs and absurd metadata never crash the writer: a typed error or a file.
@Suite struct JPEGMetadataWriterRobustnessTests {
    @Test func mutatedInputNeverCrashes() throws {
        let jpeg = try JPEGMetadataWriterTests.pillowJPEG(width: 64)
        let m = PublishMetadata(captureUTCNanoseconds: 1, latitude: 46, longitude: 6, altitude: 400)
        var rng = SeededRandom(seed: 99)
        var ok = 0
        for _ in 0..<2_000 {
            var b = jpeg
            for _ in 0..<Int.random(in: 1...8, using: &rng) {
                b[Int.random(in: 0..<min(b.count, 700), using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
            if Bool.random(using: &rng) { b = Array(b.prefix(Int.random(in: 0..<b.count, using: &rng))) }
            if (try? JPEGMetadataWriter.publishReady(b, metadata: m)) != nil { ok += 1 }
        }
        #expect(ok > 0, "some mutations leave the header intact")
    }

    @Test(arguments: [Double.nan, .infinity, 91, -1e300]) func absurdPositionsAreRejected(latitude: Double) throws {
        let jpeg = try JPEGMetadataWriterTests.pillowJPEG(width: 64)
        let m = PublishMetadata(captureUTCNanoseconds: 1, latitude: latitude, longitude: 6, altitude: 400)
        #expect(throws: JPEGMetadataWriter.Failure.self) { try JPEGMetadataWriter.publishReady(jpeg, metadata: m) }
    }
}
