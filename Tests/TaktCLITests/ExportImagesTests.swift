import ArgumentParser
import Foundation
import TaktCore
import Testing

@testable import TaktCLI
@testable import TaktStore

/// `takt export images` on a session written by the store with real equirectangular JPEGs (made by Pillow), read
/// back by two independent readers: exiftool (values exactly) and Panoramax's own geopic-tag-reader 1.10.1.
@Suite struct ExportImagesTests {
    static let start = GPSTime(week: 2_400, timeOfWeekNanoseconds: 310_000 * 1_000_000_000)
    static let rig = """
        {rigFormat: 1, vehicleId: "T1",
         sensors: [{id: "cam0", kind: "camera", model: "RICOH THETA Z1", connection: {usb: {vendorId: "05ca"}},
                    leverArmMeters: {x: 0.1, y: 0, z: 1.2}, boresightDegrees: {roll: 0, pitch: 0, yaw: 90}}],
         output: {directory: "/tmp"}}
        """

    struct Truth {
        var seq: UInt32
        var exposure: GPSTime
        var pose: InterpolatedPose
    }

    /// A 2:1 JPEG from Pillow, with a camera EXIF (1 s clock, no GPS) that the export must replace.
    static func equirectangular(_ path: String, width: Int) throws {
        try ExternalToolRun.run(
            "python3",
            [
                "-c",
                """
                import sys
                from PIL import Image
                w = int(sys.argv[2]); h = w // 2
                img = Image.new("RGB", (w, h))
                img.putdata([((x * 255) // w, (y * 255) // h, 128) for y in range(h) for x in range(w)])
                exif = Image.Exif(); exif[0x0132] = "2020:01:01 00:00:00"; exif[0x010F] = "RICOH"
                img.save(sys.argv[1], "JPEG", quality=85, exif=exif)
                """, path, "\(width)",
            ])
    }

    func makeSession() throws -> (session: String, truth: [Truth]) {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("takt-export-\(UUID().uuidString)").path
        let s = try SessionWriter.create(
            outputDirectory: tmp,
            configuration: .init(vehicleId: "T1", start: Self.start, leapSeconds: 18, rigFileBytes: Array(Self.rig.utf8)))
        let segment = try s.openNext(start: Self.start)
        let camera = try RigFile.decode(Data(Self.rig.utf8)).sensors[0]
        var poses = PoseInterpolator()
        for k in 0..<40 {
            let t = Self.start + .milliseconds(100 * k)
            poses.append(
                PoseSample(
                    time: t,
                    position: GeodeticPoint(
                        latitude: 46.2044123456 + 1e-6 * Double(k), longitude: 6.1432987654 - 2e-6 * Double(k),
                        height: 421.337 + 0.01 * Double(k)),
                    velocity: ENU(east: -15.4, north: 11.1, up: 0.1),
                    attitude: Attitude(roll: -0.75, pitch: 1.5, yaw: 123.45 + 0.1 * Double(k)),
                    horizontalSigmaMeters: 0.021, verticalSigmaMeters: 0.035, attitudeSigmaDegrees: 0.05))
        }
        var writer = MCAPWriter(options: .takt)
        writer.start(profile: "takt", library: "takt tests")
        let schema = writer.registerSchema(
            name: TimelineSchema.exposure.name, encoding: "jsonschema", data: Array(TimelineSchema.exposure.jsonSchema.utf8))
        let channel = writer.registerChannel(
            topic: TimelineSchema.exposureTopic(camera: "cam0"), messageEncoding: "json", schemaID: schema, metadata: [:])
        let skySchema = writer.registerSchema(
            name: TimelineSchema.sky.name, encoding: "jsonschema", data: Array(TimelineSchema.sky.jsonSchema.utf8))
        let skyChannel = writer.registerChannel(topic: "/gnss/f9p/sky", messageEncoding: "json", schemaID: skySchema, metadata: [:])
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let skyTime = TimelineTime(StampedTime(gps: Self.start + .seconds(1), provenance: .ppsLocked, sigmaNanoseconds: 100), leapSeconds: 18)
        let sky = SkyMessage(time: skyTime, frameId: "f9p", satellitesVisible: 30, satellitesUsed: 24, hdop: 0.7, pdop: 1.3)
        writer.addMessage(channelID: skyChannel, sequence: 0, logTime: skyTime.logTime, publishTime: skyTime.logTime, data: Array(try encoder.encode(sky)))

        var truth: [Truth] = []
        for seq in UInt32(1)...3 {
            let exposure = Self.start + .milliseconds(1_000 + 360 * Int(seq)) + .nanoseconds(123_456_789)
            guard let pose = poses.pose(at: exposure) else { throw ExportTestFailure("no pose") }
            let file = "img/cam0/" + String(format: "%06d", seq) + ".jpg"
            let jpegPath = tmp + "/src-\(seq).jpg"
            try Self.equirectangular(jpegPath, width: 512)
            try segment.writeWholeFile(Array(try Data(contentsOf: URL(fileURLWithPath: jpegPath))), to: file, time: exposure)
            let record = ExposureRecord(
                seq: seq, commandTime: StampedTime(gps: exposure - .milliseconds(3), provenance: .ppsLocked, sigmaNanoseconds: 2_000),
                exposureTime: StampedTime(gps: exposure, provenance: .ppsLocked, sigmaNanoseconds: 20), source: .eventMark,
                markStatus: .matched, markCount: UInt16(100 + seq), imageFile: file)
            let message = ExposureMessage(record: record, camera: camera, pose: pose, leapSeconds: 18)
            let t = TimelineTime(record.exposureTime, leapSeconds: 18)
            writer.addMessage(channelID: channel, sequence: seq, logTime: t.logTime, publishTime: t.logTime, data: Array(try encoder.encode(message)))
            truth.append(Truth(seq: seq, exposure: exposure, pose: pose))
        }
        writer.finish()
        try segment.appendTimeline(from: &writer)
        try segment.syncAll()
        _ = try segment.close(reason: .stopped, info: .init(end: Self.start + .seconds(5)))
        try s.finish()
        return (s.path, truth)
    }

    @Test func exportedImagesReadBackExactlyInExiftoolAndPanoramax() async throws {
        let (session, truth) = try makeSession()
        let out = session + "-export"
        var command = try Takt.parseAsRoot(["export", "images", session, out])
        if var c = command as? any AsyncParsableCommand { try await c.run() } else { try command.run() }

        let files = truth.map { out + "/cam0/" + String(format: "%06d", $0.seq) + ".jpg" }
        let json = try ExternalToolRun.run("exiftool", ["-j", "-n", "-G1", "-a"] + files)
        guard let tags = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]] else {
            throw ExportTestFailure("exiftool output is not a JSON array")
        }
        #expect(tags.count == truth.count)
        for (t, tag) in zip(truth, tags) {
            let camera = Self.cameraPosition(t.pose)
            func num(_ k: String) -> Double? { (tag[k] as? NSNumber)?.doubleValue }
            func str(_ k: String) -> String? { tag[k].map { "\($0)" } }
            #expect(abs((num("GPS:GPSLatitude") ?? 0) - camera.latitude) < 1e-9)
            #expect(abs((num("GPS:GPSLongitude") ?? 0) - camera.longitude) < 1e-9)
            #expect(abs((num("GPS:GPSAltitude") ?? 0) - camera.height) < 0.0005)
            // The 1.2 m mast is really there: the tag is not the INS position.
            #expect(abs((num("GPS:GPSAltitude") ?? 0) - t.pose.position.height - 1.2) < 0.01)
            // Camera looking right (boresight yaw 90°): vehicle pitch 1.5° becomes camera roll, roll −0.75° pitch.
            let cam = Self.cameraAttitude(t.pose)
            let heading = cam.heading
            #expect(abs(cam.pitch - 0.75) < 0.01 && abs(cam.roll - 1.5) < 0.01)
            #expect(abs((num("GPS:GPSImgDirection") ?? 0) - heading) < 1e-6)
            #expect(str("GPS:GPSImgDirectionRef") == "T")
            #expect(abs((num("GPS:GPSSpeed") ?? 0) - (t.pose.speedMetersPerSecond ?? 0) * 3.6) < 1e-6)
            #expect(abs((num("GPS:GPSHPositioningError") ?? 0) - (t.pose.horizontalSigmaMeters ?? 0)) < 0.0005)
            #expect(num("GPS:GPSDOP") == 0.7)
            // UTC = GPS − 18 s, sub-seconds rounded to the microsecond (…x.yyy456789 → …457).
            let utc = UTCText.iso8601(unixNanoseconds: t.exposure.unixUTCNanoseconds(leapSeconds: 18))
            let date = String(utc.prefix(10)).replacingOccurrences(of: "-", with: ":")
            let clock = String(utc.dropFirst(11).prefix(8))
            let micro = String((t.exposure.nanosecondsSinceEpoch % 1_000_000_000 + 500) / 1_000)
            #expect(micro.hasSuffix("457"))
            #expect(str("ExifIFD:DateTimeOriginal") == "\(date) \(clock)")
            #expect(str("ExifIFD:SubSecTimeOriginal") == micro)
            #expect(str("ExifIFD:OffsetTimeOriginal") == "+00:00")
            #expect(str("GPS:GPSDateStamp") == date)
            #expect(str("GPS:GPSTimeStamp") == "\(clock).\(micro)")
            #expect(str("XMP-GPano:ProjectionType") == "equirectangular")
            #expect(abs((num("XMP-GPano:PoseHeadingDegrees") ?? 0) - heading) < 1e-6)
            #expect(num("XMP-GPano:PosePitchDegrees") == (cam.pitch * 1e6).rounded() / 1e6)
            #expect(num("XMP-GPano:PoseRollDegrees") == (cam.roll * 1e6).rounded() / 1e6)
            #expect(num("XMP-GPano:FullPanoWidthPixels") == 512 && num("XMP-GPano:FullPanoHeightPixels") == 256)
            #expect(str("IFD0:Model") == "RICOH THETA Z1")
        }

        let reader = """
            import json, sys
            from geopic_tag_reader import reader
            out = []
            for f in sys.argv[1:]:
                m = reader.readPictureMetadata(open(f, "rb").read())
                out.append({"lat": m.lat, "lon": m.lon, "ts": m.ts.isoformat(), "unix_us": round(m.ts.timestamp() * 1e6), "heading": m.heading, "type": m.type,
                            "yaw": m.yaw, "pitch": m.pitch, "roll": m.roll, "altitude": m.altitude,
                            "gps_accuracy": m.gps_accuracy, "model": m.model, "warnings": m.tagreader_warnings})
            print(json.dumps(out))
            """
        let panoramax = try ExternalToolRun.run("python3", ["-c", reader] + files)
        guard let read = try JSONSerialization.jsonObject(with: Data(panoramax.utf8)) as? [[String: Any]] else {
            throw ExportTestFailure("geopic-tag-reader output is not JSON: \(panoramax)")
        }
        for (t, m) in zip(truth, read) {
            let camera = Self.cameraPosition(t.pose)
            #expect(abs(((m["lat"] as? NSNumber)?.doubleValue ?? 0) - camera.latitude) < 1e-9)
            #expect(abs(((m["lon"] as? NSNumber)?.doubleValue ?? 0) - camera.longitude) < 1e-9)
            #expect(m["type"] as? String == "equirectangular")
            // Panoramax localises the zone from the coordinates (Geneva: +01:00); the instant must be ours to the µs.
            let utcMicros = (t.exposure.unixUTCNanoseconds(leapSeconds: 18) + 500) / 1_000
            #expect((m["unix_us"] as? NSNumber)?.int64Value == utcMicros, "\(m["ts"] ?? "")")
            let heading = Self.cameraAttitude(t.pose).heading
            #expect((m["heading"] as? NSNumber)?.intValue == Int(heading.rounded()))
            // geopic-tag-reader keeps two decimals of GPSHPositioningError.
            #expect(abs(((m["gps_accuracy"] as? NSNumber)?.doubleValue ?? 0) - 0.02) < 1e-9)
            #expect(abs(((m["yaw"] as? NSNumber)?.doubleValue ?? 0) - heading) < 1e-6)
            #expect((m["warnings"] as? [Any])?.isEmpty == true, "\(m["warnings"] ?? "")")
        }

        // The pose table: one row per image with the precision columns.
        let csv = try String(contentsOfFile: out + "/poses.csv", encoding: .utf8).split(separator: "\n")
        #expect(csv.count == 1 + truth.count)
        #expect(csv[0].hasPrefix("seq,camera,file,gps_time_ns"))
        #expect(csv[1].hasPrefix("1,cam0,cam0/000001.jpg,\(truth[0].exposure.nanosecondsSinceEpoch),"))
        #expect(csv[1].contains(",event-mark,pps-locked,20.0,matched,true"))
    }

    /// Camera position expected in the tags: the rig's lever arm (0.1, 0, 1.2) under the vehicle attitude.
    static func cameraPosition(_ pose: InterpolatedPose) -> GeodeticPoint {
        LeverArm.apply(
            Vector3(x: 0.1, y: 0, z: 1.2), to: pose.position, headingDegrees: pose.headingDegrees ?? 0,
            pitchDegrees: pose.pitchDegrees ?? 0, rollDegrees: pose.rollDegrees ?? 0)
    }

    static func cameraAttitude(_ pose: InterpolatedPose) -> (heading: Double, pitch: Double, roll: Double) {
        MountedAttitude.compose(
            vehicleHeading: pose.headingDegrees ?? 0, vehiclePitch: pose.pitchDegrees ?? 0,
            vehicleRoll: pose.rollDegrees ?? 0, boresight: Attitude(roll: 0, pitch: 0, yaw: 90))
    }

    @Test func helpNamesTheExportTree() {
        #expect(Takt.helpMessage().contains("export"))
        let help = Takt.helpMessage(for: Takt.Export.Images.self)
        #expect(help.contains("USAGE: takt export images <session> <directory>"), "\(help)")
        #expect(help.contains("DIR must lie outside the session"))
    }

    @Test func exportRefusesAnOutputInsideTheSession() throws {
        #expect(throws: (any Error).self) { try Takt.parseAsRoot(["export", "images", "/data/s1", "/data/s1/out"]) }
    }
}

struct ExportTestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// Runs a peer tool and returns stdout; throws with stderr on failure.
enum ExternalToolRun {
    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [executable] + arguments
        let out = Pipe()
        let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("takt-err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let err = try FileHandle(forWritingTo: errURL)
        defer { try? FileManager.default.removeItem(at: errURL) }
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        try? err.close()
        guard p.terminationStatus == 0 else {
            let e = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
            throw ExportTestFailure("\(executable) exited \(p.terminationStatus): \(e)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
