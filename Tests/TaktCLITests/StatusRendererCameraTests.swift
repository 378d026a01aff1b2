import Foundation
import TaktCore
import Testing

@testable import TaktCLI

/// The camera's part of `takt status`: trigger line with marks and the speed warning, the camera line with battery,
/// storage and their ages, and the same fields in `--json` (left out when unknown).
@Suite struct StatusRendererCameraTests {
    static func snapshot(camera: CameraDeviceStatus?, marks: Bool, fast: Bool) -> StatusSnapshot {
        StatusSnapshot(
            daemon: DaemonInfo(
                version: "0.1.0", pid: 7, vehicleId: "C1", rigPath: "r.json5", uptimeSeconds: 60, simulated: true),
            recording: RecordingStatus(state: .recording, ok: true),
            time: TimeStatus(
                provenance: .ppsLocked, locked: true, source: "sim", leapSeconds: 18, leapSecondsSource: "receiver"),
            trigger: TriggerStatus(
                fired: 120, imagesReceived: 118, imagesMissing: 2, spacingAskedMeters: 5, spacingMeanMeters: 5.002,
                spacingP95Meters: 5.011, marksLost: marks ? 1 : nil, marksExtra: marks ? 3 : nil, speedTooFast: fast,
                camera: camera),
            warnings: camera?.batteryPercent.map { $0 < 20 ? ["cam0 battery \($0) % (below 20 %)"] : [] } ?? [])
    }

    @Test func cameraLineShowsBatteryStorageAndAges() {
        let camera = CameraDeviceStatus(
            id: "cam0", connected: true, batteryPercent: 18, batteryAgeSeconds: 12.4, storageFreeBytes: 18 << 30,
            storageCapacityBytes: 19 << 30, storageFreeImages: 4_790, storageAgeSeconds: 12.4, storageMinutesLeft: 95.2)
        let text = StatusRenderer.render(Self.snapshot(camera: camera, marks: true, fast: true))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(
            lines.contains(
                "TRIG   fired 120  images 118  missing 2  spacing asked 5.00 m mean 5.00 m p95 5.01 m  marks lost 1 extra 3  [SPEED TOO FAST]"
            ))
        #expect(
            lines.contains(
                "CAM    cam0: connected  battery 18 % (12 s ago)  storage 18.0 GiB / 19.0 GiB free, 4790 images, 1 h 35 min at this rate (12 s ago)"
            ))
        #expect(lines.contains("WARN   cam0 battery 18 % (below 20 %)"))
    }

    @Test func unknownValuesStayOut() {
        let text = StatusRenderer.render(
            Self.snapshot(camera: CameraDeviceStatus(id: "cam0", connected: false), marks: false, fast: false))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.contains("TRIG   fired 120  images 118  missing 2  spacing asked 5.00 m mean 5.00 m p95 5.01 m"))
        #expect(lines.contains("CAM    cam0: DISCONNECTED"))
    }

    @Test func jsonCarriesTheSchemaFields() throws {
        let camera = CameraDeviceStatus(
            id: "cam0", connected: true, batteryPercent: 64, batteryAgeSeconds: 3, storageFreeBytes: 1_000,
            storageFreeImages: 10, storageAgeSeconds: 3)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(Self.snapshot(camera: camera, marks: true, fast: false))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let trigger = try #require(object["trigger"] as? [String: Any])
        #expect(trigger["marksLost"] as? Int == 1 && trigger["marksExtra"] as? Int == 3)
        #expect(trigger["speedTooFast"] as? Bool == false)
        let cam = try #require(trigger["camera"] as? [String: Any])
        #expect(
            Set(cam.keys) == [
                "id", "connected", "batteryPercent", "batteryAgeSeconds", "storageFreeBytes",
                "storageFreeImages", "storageAgeSeconds",
            ])
        #expect(try JSONDecoder().decode(StatusSnapshot.self, from: data).trigger?.camera == camera)
    }
}
