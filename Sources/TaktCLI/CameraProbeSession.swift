import Foundation
import TaktCore
import TaktUSB

/// The capture loop of `takt probe camera`: N captures, each downloaded, verified, saved and optionally deleted.
/// After a failure the link recovers (the gap is reported), objects captured but not yet downloaded are fetched
/// first, and a capture that never produced an object is taken again.
///
/// `@unchecked Sendable`: it is handed to exactly one thread, which alone uses the link and its camera.
struct CameraProbeSession: @unchecked Sendable {
    let link: PTPCameraLink
    let outDirectory: String?
    let delete: Bool
    let captureTimeout: Duration
    let transferTimeoutMilliseconds: UInt32
    let reconnectTimeout: Duration

    /// Every PTPCamera call blocks in libusb, so the loop runs on its own thread, never on the cooperative pool.
    func runOnDedicatedThread(captures: Int) async -> Bool {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: run(captures: captures)) }
            thread.name = "takt.camera"
            thread.start()
        }
    }

    func run(captures: Int) -> Bool {
        var done = 0
        var attempts = 0
        var finished = PTPLinkCounters()  // counts of cameras dropped after an outage
        var counters = PTPLinkCounters()
        var firstConnect = true
        var undownloaded: [(index: Int, handle: UInt32)] = []
        while done < captures || !undownloaded.isEmpty || (captures == 0 && firstConnect) {
            attempts += 1
            guard attempts <= captures + 5, let (camera, gap) = link.connect(timeout: reconnectTimeout) else {
                CameraProbeLine.emit([
                    "event": "failed", "error": "camera not found or session not opened",
                    "attempts": link.failedAttempts,
                ])
                break
            }
            if let gap {
                CameraProbeLine.emit([
                    "event": "recovered", "lostNs": gap.lostAt.nanoseconds,
                    "recoveredNs": gap.recoveredAt.nanoseconds,
                    "gapMs": Double(gap.duration.components.attoseconds / 1_000_000_000_000_000)
                        + Double(gap.duration.components.seconds) * 1000,
                    "device": camera.device.devicePath, "reason": gap.reason, "failedAttempts": link.failedAttempts,
                    "lastFailure": link.lastFailure.map { "\($0)" } ?? "",
                ])
            }
            camera.transferTimeoutMilliseconds = transferTimeoutMilliseconds
            do throws(PTPCameraError) {
                if firstConnect {
                    firstConnect = false
                    try describe(camera)
                }
                while let next = undownloaded.first {
                    try fetch(next.handle, from: camera, index: next.index)
                    undownloaded.removeFirst()
                }
                counters = camera.counters
                guard done < captures else { continue }
                let capture = try camera.capture(timeout: captureTimeout)
                CameraProbeLine.emit(CameraProbeLine.capture(capture, index: done + 1))
                done += 1
                undownloaded += capture.objectHandles.map { (done, $0) }
                while let next = undownloaded.first {
                    try fetch(next.handle, from: camera, index: next.index)
                    undownloaded.removeFirst()
                }
                counters = camera.counters
            } catch {
                finished.add(camera.counters)
                counters = PTPLinkCounters()
                CameraProbeLine.emit([
                    "event": "lost", "error": error.description, "deviceGone": error.isDeviceGone,
                    "device": camera.device.devicePath,
                ])
                link.lost(error)
            }
        }
        link.close()
        finished.add(counters)
        var exit = CameraProbeLine.exit(captures: done, counters: finished, gaps: link.recorder.gaps)
        exit["hotplug"] = link.hotplug != nil
        exit["hotplugArrivals"] = link.hotplug?.arrivals ?? 0
        exit["hotplugDepartures"] = link.hotplug?.departures ?? 0
        CameraProbeLine.emit(exit)
        return done == captures
    }

    private func describe(_ camera: PTPCamera) throws(PTPCameraError) {
        let info = try camera.deviceInfo()
        let battery = try camera.batteryLevel()
        var storage: [[String: Any]] = []
        for id in try camera.storageIDs() {
            let s = try camera.storageInfo(id)
            storage.append([
                "id": Int(id), "freeBytes": Int(s.freeSpaceBytes), "capacityBytes": Int(s.maxCapacityBytes),
                "label": s.volumeLabel,
            ])
        }
        CameraProbeLine.emit([
            "event": "connected", "device": camera.device.devicePath,
            "vendor": Int(camera.device.vendorID), "product": Int(camera.device.productID),
            "manufacturer": info.manufacturer, "model": info.model, "serial": info.serialNumber,
            "triggeredCapture": info.supportsTriggeredCapture, "battery": Int(battery),
            "storage": storage,
        ])
    }

    private func fetch(_ handle: UInt32, from camera: PTPCamera, index: Int) throws(PTPCameraError) {
        let download = try camera.download(handle)
        var line: [String: Any] = [
            "event": "downloaded", "index": index, "handle": Int(handle),
            "name": download.info.filename, "size": download.data.count,
            "verified": download.check == .verified, "deleted": false,
        ]
        if let outDirectory {
            let path = URL(fileURLWithPath: outDirectory).appendingPathComponent(download.info.filename).path
            line["path"] = path
            line["saved"] = FileManager.default.createFile(atPath: path, contents: Data(download.data))
        }
        if delete, download.check == .verified {
            try camera.deleteVerified(download)
            line["deleted"] = true
        }
        CameraProbeLine.emit(line)
    }
}
