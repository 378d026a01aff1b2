import Foundation
import TaktCore
import Testing

/// `takt.Trigger` and `takt.Exposure` as the recorder writes them (snake_case JSON), validated by python-mcap +
/// jsonschema against the schemas registered on the channel, and decoded back by the exporter's decoder.
@Suite struct CameraTimelineSchemaTests {
    static let t0 = GPSTime(week: 2_400, timeOfWeekNanoseconds: 7_000_000_000)

    static func messages() -> (triggers: [TriggerMessage], exposures: [ExposureMessage]) {
        let camera = SensorConfig(
            id: "cam0", kind: .camera, model: "RICOH THETA Z1", connection: Connection(usb: USBEndpoint(vendorId: "05ca")),
            leverArmMeters: Vector3(x: 0.2, y: 0, z: 1.5), boresightDegrees: Attitude(roll: 0, pitch: 0, yaw: 90))
        var poses = PoseInterpolator()
        poses.append(PoseSample(time: t0, position: GeodeticPoint(latitude: 46.2, longitude: 6.1, height: 400), velocity: ENU(east: 10, north: 0), horizontalSigmaMeters: 0.02, verticalSigmaMeters: 0.03))
        poses.append(PoseSample(time: t0 + .milliseconds(100), position: GeodeticPoint(latitude: 46.2, longitude: 6.100013, height: 400), velocity: ENU(east: 10, north: 0), horizontalSigmaMeters: 0.02, verticalSigmaMeters: 0.03))
        let fire = TriggerFire(seq: 1, time: t0 + .milliseconds(40), cause: .distance, distanceMeters: 5, speedMetersPerSecond: 10)
        let trigger = TriggerMessage(fire: fire, camera: "cam0", provenance: .ppsLocked, sigmaNanoseconds: 1_000, leapSeconds: 18)
        let matched = ExposureRecord(
            seq: 1, commandTime: StampedTime(gps: fire.time, provenance: .ppsLocked, sigmaNanoseconds: 1_000),
            exposureTime: StampedTime(gps: fire.time + .milliseconds(3), provenance: .ppsLocked, sigmaNanoseconds: 20),
            source: .eventMark, markStatus: .matched, markCount: 17, imageFile: "img/cam0/000001.jpg")
        var lost = matched
        lost.seq = 2
        lost.source = .commandLatency
        lost.markStatus = .lost
        lost.markCount = nil
        lost.imageFile = nil
        return (
            [trigger],
            [
                ExposureMessage(record: matched, camera: camera, pose: poses.pose(at: matched.exposureTime.gps), leapSeconds: 18),
                ExposureMessage(record: lost, camera: camera, pose: nil, leapSeconds: 18),
            ]
        )
    }

    @Test func pythonValidatesCameraMessagesAgainstTheirSchemas() throws {
        let (triggers, exposures) = Self.messages()
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        var writer = MCAPWriter()
        writer.start(profile: "takt", library: "takt tests")
        let ts = writer.registerSchema(name: TimelineSchema.trigger.name, encoding: "jsonschema", data: Array(TimelineSchema.trigger.jsonSchema.utf8))
        let es = writer.registerSchema(name: TimelineSchema.exposure.name, encoding: "jsonschema", data: Array(TimelineSchema.exposure.jsonSchema.utf8))
        let tc = writer.registerChannel(topic: TimelineSchema.triggerTopic(camera: "cam0"), messageEncoding: "json", schemaID: ts, metadata: [:])
        let ec = writer.registerChannel(topic: TimelineSchema.exposureTopic(camera: "cam0"), messageEncoding: "json", schemaID: es, metadata: [:])
        var seq: UInt32 = 0
        for m in triggers {
            writer.addMessage(channelID: tc, sequence: seq, logTime: 1, publishTime: 1, data: Array(try encoder.encode(m)))
            seq += 1
        }
        for m in exposures {
            writer.addMessage(channelID: ec, sequence: seq, logTime: 2, publishTime: 2, data: Array(try encoder.encode(m)))
            seq += 1
        }
        writer.finish()
        let dir = try ExternalTool.temporaryDirectory("camera-schema")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("timeline.mcap")
        try Data(writer.takeOutput()).write(to: file)
        let check = try #require(try PythonMCAPCheck.run([file], jsonschema: true).first)
        #expect(check.ok, "python-mcap: \(check.error ?? "")")
        #expect(check.schema_validated == 3)

        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        for m in exposures {
            #expect(try decoder.decode(ExposureMessage.self, from: try encoder.encode(m)) == m)
        }
        let json = String(decoding: try encoder.encode(exposures[0]), as: UTF8.self)
        #expect(json.contains(#""exposure_source":"event-mark""#) && json.contains(#""lever_arm_m":[0.2,0,1.5]"#))
    }
}
