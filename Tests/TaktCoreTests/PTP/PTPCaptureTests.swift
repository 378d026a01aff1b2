import TaktCore
import Testing

@Suite struct PTPCaptureTests {
    let t0 = MonotonicInstant(nanoseconds: 1_000)
    func at(_ ms: Int64) -> MonotonicInstant { MonotonicInstant(nanoseconds: 1_000 + ms * 1_000_000) }

    @Test func objectAddedThenCaptureComplete() {
        var tracker = PTPCaptureTracker(transactionID: 9, commandSent: t0, responseReceived: at(5))
        #expect(
            tracker.handle(PTPEvent(code: .devicePropChanged, transactionID: 0, parameters: [0x5001]), at: at(10))
                == .pending
        )
        #expect(
            tracker.handle(PTPEvent(code: .objectAdded, transactionID: 9, parameters: [42]), at: at(300)) == .pending
        )
        let outcome = tracker.handle(PTPEvent(code: .captureComplete, transactionID: 9, parameters: [9]), at: at(350))
        #expect(
            outcome
                == .finished(
                    .init(
                        transactionID: 9,
                        objectHandles: [42],
                        commandSent: t0,
                        responseReceived: at(5),
                        firstObjectAdded: at(300),
                        captureComplete: at(350)
                    )
                )
        )
    }

    @Test func completeForAnotherTransactionIsNotOurs() {
        var tracker = PTPCaptureTracker(transactionID: 9, commandSent: t0, responseReceived: at(5))
        _ = tracker.handle(PTPEvent(code: .objectAdded, transactionID: 9, parameters: [42]), at: at(300))
        #expect(
            tracker.handle(PTPEvent(code: .captureComplete, transactionID: 8, parameters: [8]), at: at(310)) == .pending
        )
    }

    @Test func completeWithoutObjectIsReported() {
        var tracker = PTPCaptureTracker(transactionID: 3, commandSent: t0, responseReceived: at(5))
        #expect(
            tracker.handle(PTPEvent(code: .captureComplete, transactionID: 3, parameters: [3]), at: at(9))
                == .noObject(transactionID: 3)
        )
    }

    @Test func downloadCheck() {
        let jpeg: [UInt8] = [0xFF, 0xD8, 1, 2, 3, 0xFF, 0xD9]
        func info(_ size: Int, _ format: PTPObjectFormat = .exifJPEG) -> PTPObjectInfo {
            PTPObjectInfo(
                storageID: 1,
                objectFormat: format,
                compressedSize: UInt32(size),
                parentObject: 0,
                filename: "a"
            )
        }
        #expect(PTPDownloadCheck.check(jpeg, against: info(7)) == .verified)
        #expect(PTPDownloadCheck.check(jpeg + [0, 0], against: info(9)) == .verified)
        #expect(PTPDownloadCheck.check(jpeg, against: info(8)) == .sizeMismatch(expected: 8, received: 7))
        #expect(
            PTPDownloadCheck.check(Array(jpeg.dropLast()), against: info(6))
                == .notJPEG(startsWithSOI: true, endsWithEOI: false)
        )
        #expect(PTPDownloadCheck.check([1, 2], against: info(2, .undefined)) == .verified)
    }

    @Test func linkRecorderGaps() {
        var r = CameraLinkRecorder()
        #expect(r.handle(.lost(at(1), reason: "early")) == nil)  // before the first session: no gap
        #expect(r.handle(.sessionOpened(at(2))) == nil)
        #expect(r.handle(.lost(at(100), reason: "NO_DEVICE")) == nil)
        #expect(r.handle(.lost(at(150), reason: "again")) == nil)
        let gap = r.handle(.sessionOpened(at(900)))
        #expect(gap?.lostAt == at(100) && gap?.reason == "NO_DEVICE" && gap?.duration == .milliseconds(800))
        #expect(r.gaps.count == 1 && r.isUp)
    }

    @Test func selector() {
        let ptp = USBDeviceSummary.Interface(
            number: 0,
            interfaceClass: 6,
            subclass: 1,
            interfaceProtocol: 1,
            bulkIn: 0x81,
            bulkOut: 0x02,
            interruptIn: 0x83
        )
        let uvc = USBDeviceSummary.Interface(number: 0, interfaceClass: 14, subclass: 1, interfaceProtocol: 0)
        let theta = USBDeviceSummary(
            vendorID: 0x05CA,
            productID: 0x036D,
            bus: 1,
            address: 9,
            portPath: [1],
            interfaces: [ptp]
        )
        let streaming = USBDeviceSummary(
            vendorID: 0x05CA,
            productID: 0x2712,
            bus: 1,
            address: 3,
            portPath: [2],
            interfaces: [uvc]
        )
        let canon = USBDeviceSummary(
            vendorID: 0x04A9,
            productID: 0x31C0,
            bus: 1,
            address: 2,
            portPath: [3],
            interfaces: [ptp]
        )
        #expect(CameraDeviceSelector(vendorID: 0x05CA).select(from: [streaming, canon, theta]) == theta)
        #expect(CameraDeviceSelector().select(from: [streaming, theta, canon]) == canon)
        #expect(CameraDeviceSelector(vendorID: 0x05CA, productID: 0x0368).select(from: [theta]) == nil)
        #expect(theta.devicePath == "/dev/bus/usb/001/009")
    }
}
