import Foundation
import TaktCore
import TaktDaemon
import Testing

@testable import TaktSimulation

/// The simulated camera reports battery and storage like a PTP camera: at start, and after every image, draining
/// as configured, so `takt simulate` exercises the status line and its warnings.
@Suite struct SimulatedCameraStatusTests {
    @Test func reportsDrainingBatteryAndShrinkingStorage() async throws {
        var c = SimulatedCamera.Configuration()
        c.deliveryDelay = .milliseconds(1)
        c.batteryPercent = 21
        c.batteryDrainPerImage = 0.6
        c.freeImages = 100
        let truth = SimulatedTruth(
            hostOrigin: HostClock.monotonic(), gpsOrigin: GPSTime(week: 2_400, timeOfWeekNanoseconds: 0))
        let camera = SimulatedCamera(
            cameraId: "cam0", truth: truth, eventInput: nil, image: .success([0xFF, 0xD8, 0xFF, 0xD9]), configuration: c
        )
        camera.start()
        camera.trigger(seq: 1)
        camera.trigger(seq: 2)
        var readings: [CameraDeviceReading] = []
        var images = 0
        for await event in camera.events {
            switch event {
            case .deviceStatus(let r, _): readings.append(r)
            case .image: images += 1
            default: break
            }
            if readings.count == 3 { break }
        }
        camera.shutdown()
        #expect(images == 2)
        // The start reading first; the two deliveries run concurrently, so their order is free.
        #expect(readings.first?.batteryPercent == 21 && readings.first?.freeImages == 100)
        #expect(Set(readings.dropFirst().compactMap(\.batteryPercent)) == [20, 19])
        #expect(Set(readings.dropFirst().compactMap(\.freeImages)) == [99, 98])
        let last = try #require(readings.min { ($0.freeImages ?? 0) < ($1.freeImages ?? 0) })
        let check = CameraSupplyCheck()
        #expect(
            check.warnings(camera: "cam0", last, imagesPerMinute: 0, meanImageBytes: nil) == [
                "cam0 battery 19 % (below 20 %)"
            ])
    }
}
