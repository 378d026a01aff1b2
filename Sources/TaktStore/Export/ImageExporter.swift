import TaktCore
import Foundation

/// `takt export images`: publish-ready copies of a session's images (a derived product, written outside the raw
/// bundle, which stays untouched) with EXIF/XMP GPano from the timeline's `takt.Exposure` records, plus
/// `poses.csv`.
///
/// Each segment's `data/timeline.mcap` is read for `/camera/<id>/exposure` messages; the JPEG each names
/// (`img/<cam>/<seq>.jpg`, relative to the segment's `data/`) is copied to `<out>/<cam>/<seq>.jpg` with the
/// exposure's UTC time, the pose at exposure and the camera heading (vehicle heading + boresight yaw).
public enum ImageExporter {
    public static func run(session: String, to output: String) throws(StoreError) -> ImageExportReport {
        guard SegmentDirectory.isSession(session) else {
            throw .invalidBundle(path: session, reason: "not a session directory (no segments/ or session.json)")
        }
        var report = ImageExportReport()
        let rig = try? RigFile.load(path: session + "/rig/rig.json5")
        try Posix.mkdirs(output)
        var rows: [String] = [PoseTable.header]
        for segment in try SegmentDirectory.all(inSession: session) {
            let name = segment.path.split(separator: "/").last.map(String.init) ?? segment.path
            let timeline = segment.dataPath + "/" + SegmentWriter.timelinePath
            guard Posix.exists(timeline) else { continue }
            let events: [MCAPMessageEvent]
            do {
                events = try MCAPReader.messages(in: try FileIO.readAll(timeline))
            } catch {
                report.problems.append("\(name): timeline unreadable (\(error)); run `takt recover` first")
                continue
            }
            let exposures = decodeExposures(events, segment: name, report: &report)
            let dops = DOPLookup(events)
            for m in exposures {
                if let row = export(m, segment: segment, name: name, rig: rig, dops: dops, output: output, report: &report) {
                    rows.append(row)
                }
            }
        }
        report.posesCSV = output + "/poses.csv"
        try FileIO.writeAtomically(report.posesCSV, Array((rows.joined(separator: "\n") + "\n").utf8))
        return report
    }

    static func decodeExposures(_ events: [MCAPMessageEvent], segment: String, report: inout ImageExportReport)
        -> [ExposureMessage]
    {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        var out: [ExposureMessage] = []
        for e in events where e.schema?.name == TimelineSchema.exposure.name {
            do {
                out.append(try decoder.decode(ExposureMessage.self, from: Data(e.message.data)))
            } catch {
                report.problems.append("\(segment): undecodable exposure on \(e.channel.topic): \(error)")
            }
        }
        return out.sorted { ($0.frameId, $0.seq) < ($1.frameId, $1.seq) }
    }

    private static func export(
        _ m: ExposureMessage, segment: SegmentDirectory, name: String, rig: RigConfig?, dops: DOPLookup,
        output: String, report: inout ImageExportReport
    ) -> String? {
        func skip(_ reason: String) -> String? {
            report.skipped.append("\(name) \(m.frameId) seq \(m.seq): \(reason)")
            return nil
        }
        guard let file = m.file else { return skip("no image was delivered") }
        guard let pose = m.pose else { return skip("no pose at the exposure time") }
        guard !file.contains(".."), !file.hasPrefix("/") else { return skip("image path '\(file)' leaves the segment") }
        // GPS time between 1980 and ~2270, UTC stamp likewise: anything else is a corrupt record, not arithmetic.
        guard (0...(Int64(1) << 62)).contains(m.gpsTimeNs), m.timestamp.sec < (UInt64(1) << 33) else {
            return skip("exposure time \(m.gpsTimeNs) ns is out of range")
        }
        let leap = leapSeconds(m)
        let camera = rig?.sensors.first { $0.id == m.frameId }
        let (heading, pitch, roll) = cameraAttitude(pose, boresight: m.boresightDeg)
        let track = pose.velocityEnuMps.flatMap { v -> Double? in
            guard v.count == 3, (v[0] * v[0] + v[1] * v[1]).squareRoot() >= 1 else { return nil }
            var d = atan2(v[0], v[1]) * 180 / .pi
            if d < 0 { d += 360 }
            return d
        }
        let position = cameraPosition(m, pose)
        let metadata = PublishMetadata(
            captureUTCNanoseconds: m.exposureTime.unixUTCNanoseconds(leapSeconds: leap), latitude: position.point.latitude,
            longitude: position.point.longitude, altitude: position.point.height, horizontalErrorMeters: pose.horizontalSigmaM,
            headingDegrees: heading, pitchDegrees: pitch, rollDegrees: roll, speedMetersPerSecond: pose.speedMps,
            trackDegrees: track, dop: dops.hdop(near: m.gpsTimeNs),
            make: camera.flatMap { $0.model.split(separator: " ").first.map(String.init) }, model: camera?.model,
            software: "takt \(TaktVersion.string)"
        )
        let outName = m.frameId + "/" + String(m.seq).leftPaddedZeros(6) + ".jpg"
        do {
            let jpeg = try FileIO.readAll(segment.dataPath + "/" + file)
            let published: [UInt8]
            do {
                published = try JPEGMetadataWriter.publishReady(jpeg, metadata: metadata)
            } catch {
                return skip("\(file): \(error)")
            }
            try Posix.mkdirs(output + "/" + m.frameId)
            try FileIO.writeAtomically(output + "/" + outName, published)
        } catch {
            return skip("\(file): \(error)")
        }
        report.written.append(outName)
        return PoseTable.row(
            m, file: outName, position: position.point, leverArmApplied: position.leverArmApplied, leapSeconds: leap,
            heading: heading, pitch: pitch, roll: roll)
    }

    /// The camera's heading/pitch/roll: vehicle attitude composed with the boresight. Without vehicle pitch/roll
    /// (course-only heading) only the heading is known: the vehicle is taken as level for the composition and
    /// only the heading is reported.
    static func cameraAttitude(_ pose: ExposureMessage.Pose, boresight: Attitude?) -> (Double?, Double?, Double?) {
        guard let heading = pose.headingDeg else { return (nil, nil, nil) }
        let b = boresight ?? Attitude(roll: 0, pitch: 0, yaw: 0)
        let c = MountedAttitude.compose(
            vehicleHeading: heading, vehiclePitch: pose.pitchDeg ?? 0, vehicleRoll: pose.rollDeg ?? 0, boresight: b)
        let tiltKnown = pose.pitchDeg != nil && pose.rollDeg != nil
        return (c.heading, tiltKnown ? c.pitch : nil, tiltKnown ? c.roll : nil)
    }

    /// The camera's own position: the navigation pose moved by the rig's lever arm under the vehicle attitude.
    /// Without a heading the horizontal part of the arm cannot be placed, so the pose is used as is (and the CSV
    /// says so).
    static func cameraPosition(_ m: ExposureMessage, _ pose: ExposureMessage.Pose) -> (point: GeodeticPoint, leverArmApplied: Bool) {
        let vehicle = GeodeticPoint(latitude: pose.latitude, longitude: pose.longitude, height: pose.altitude)
        guard let arm = m.leverArmM, arm.count == 3 else { return (vehicle, false) }
        let v = Vector3(x: arm[0], y: arm[1], z: arm[2])
        guard let heading = pose.headingDeg else { return (vehicle, v.x == 0 && v.y == 0 && v.z == 0) }
        let moved = LeverArm.apply(
            v, to: vehicle, headingDegrees: heading, pitchDegrees: pose.pitchDeg ?? 0, rollDegrees: pose.rollDeg ?? 0)
        return (moved, true)
    }

    /// GPS − UTC as the recorder applied it: the difference between the message's GPS time and its UTC stamp.
    static func leapSeconds(_ m: ExposureMessage) -> Int {
        let utc = Int64(m.timestamp.sec) * 1_000_000_000 + Int64(m.timestamp.nsec)
        let gpsAsUnix = m.gpsTimeNs + GPSTime.unixEpochOffsetSeconds * 1_000_000_000
        return Int(((Double(gpsAsUnix - utc)) / 1e9).rounded())
    }
}

extension String {
    fileprivate func leftPaddedZeros(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
