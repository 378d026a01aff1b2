import TaktCore
import Testing

/// Battery/storage readings from PTP answers, when the camera thread reads them, and when status warns.
@Suite struct CameraSupplyTests {
    @Test func readingSumsStoresAndDropsUnusedImageCounts() {
        let a = PTPStorageInfo(maxCapacityBytes: 1_000, freeSpaceBytes: 400, freeSpaceImages: 0xFFFF_FFFF)
        let b = PTPStorageInfo(maxCapacityBytes: 2_000, freeSpaceBytes: 600, freeSpaceImages: 7)
        let r = CameraDeviceReading(battery: 55, storage: [a, b])
        #expect(r == CameraDeviceReading(batteryPercent: 55, freeBytes: 1_000, capacityBytes: 3_000, freeImages: 7))
        let none = CameraDeviceReading(battery: nil, storage: [a])
        #expect(none.batteryPercent == nil && none.freeImages == nil && none.freeBytes == 400)
        #expect(CameraDeviceReading(battery: nil, storage: []).freeBytes == nil)
    }

    @Test func refreshAtConnectEveryIntervalAndSoonAfterCaptures() {
        var r = CameraDeviceRefresh(interval: .seconds(30), afterCaptureGap: .seconds(5))
        func at(_ s: Int64) -> MonotonicInstant { MonotonicInstant(nanoseconds: s * 1_000_000_000) }
        var answers: [Bool] = []
        for s in [0, 1, 29, 30] as [Int64] { answers.append(r.due(at: at(s))) }
        #expect(answers == [true, false, false, true])
        r.captured()
        let early = r.due(at: at(33))
        let afterGap = r.due(at: at(35))
        let noCapture = r.due(at: at(41))
        #expect(!early, "a capture alone waits for the gap")
        #expect(afterGap)
        #expect(!noCapture, "no capture since: back to the interval")
        r.connected()
        let reconnected = r.due(at: at(42))
        #expect(reconnected, "a new connection reads at once")
    }

    @Test func warnsOnLowBatteryAndShortStorage() {
        let check = CameraSupplyCheck(lowBatteryPercent: 20, aheadMinutes: 30)
        let ok = CameraDeviceReading(batteryPercent: 20, freeBytes: nil, capacityBytes: nil, freeImages: 6_000)
        // 166 images/min (5 m at 50 km/h): 6 000 images last 36 min.
        #expect(check.warnings(camera: "cam0", ok, imagesPerMinute: 166, meanImageBytes: nil).isEmpty)
        let low = CameraDeviceReading(batteryPercent: 19, freeBytes: nil, capacityBytes: nil, freeImages: 4_000)
        #expect(
            check.warnings(camera: "cam0", low, imagesPerMinute: 166, meanImageBytes: nil) == [
                "cam0 battery 19 % (below 20 %)",
                "cam0 storage holds 24 min of images at 166/min (less than 30 min)",
            ])
        // No image count: bytes at the mean image size.
        let bytes = CameraDeviceReading(
            batteryPercent: nil, freeBytes: 10_000_000_000, capacityBytes: nil, freeImages: nil)
        let minutes = check.minutesLeft(bytes, imagesPerMinute: 100, meanImageBytes: 4_000_000)
        #expect(minutes == 25)
        #expect(check.warnings(camera: "c", bytes, imagesPerMinute: 100, meanImageBytes: 4_000_000).count == 1)
        // Standing still (no rate): no storage verdict, but a full card is always reported.
        #expect(check.minutesLeft(bytes, imagesPerMinute: 0, meanImageBytes: 4_000_000) == nil)
        let full = CameraDeviceReading(batteryPercent: 80, freeBytes: 0, capacityBytes: 1, freeImages: 0)
        #expect(check.warnings(camera: "c", full, imagesPerMinute: 0, meanImageBytes: nil) == ["c storage full"])
    }
}
