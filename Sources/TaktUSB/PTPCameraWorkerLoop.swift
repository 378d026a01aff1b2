import Synchronization
import TaktCore

/// The body of `PTPCameraWorker`'s thread: keep a session open (searching, recovering, recording gaps), fetch
/// objects captured but not yet downloaded, then serve trigger requests one at a time.
///
/// `@unchecked Sendable`: it is created on one thread and then used only by the camera thread it is handed to.
final class PTPCameraWorkerLoop: @unchecked Sendable {
    let link: PTPCameraLink
    let configuration: PTPCameraWorker.Configuration
    private var undownloaded: [(request: UInt64, handle: UInt32)] = []
    /// When to read battery and storage again (see `PTPCameraWorkerLoop+DeviceStatus`).
    var deviceRefresh = CameraDeviceRefresh()
    private var finishedCounters = PTPLinkCounters()

    init(context: USBContext, selector: CameraDeviceSelector, configuration: PTPCameraWorker.Configuration) {
        link = PTPCameraLink(context: context, selector: selector)
        self.configuration = configuration
    }

    func run(_ worker: PTPCameraWorker) {
        while !worker.stop.load(ordering: .relaxed) {
            guard let camera = ensureSession(worker) else { continue }
            var request: UInt64?
            do throws(PTPCameraError) {
                try fetchPending(camera, worker)
                if configuration.mode == .announcedObjects {
                    try downloadAnnounced(camera, worker)
                    publish(worker, current: camera.counters)
                    continue
                }
                request = worker.requests.next(timeout: .milliseconds(200))
                guard let request else {
                    try refreshDeviceStatus(camera, worker)
                    continue
                }
                let capture = try camera.capture(timeout: configuration.captureTimeout)
                worker.emit(.captured(capture, request: request))
                undownloaded += capture.objectHandles.map { (request, $0) }
                try fetchPending(camera, worker)
                deviceRefresh.captured()
                try refreshDeviceStatus(camera, worker)
            } catch {
                // The camera refused the capture (busy, card full): that trigger is a miss, the session is fine.
                if case .response(let op, _, _) = error, op == .initiateCapture, let request {
                    worker.emit(.failed(request: request, reason: error.description))
                    publish(worker, current: camera.counters)
                    continue
                }
                let captured = request.map { r in undownloaded.contains { $0.request == r } } ?? true
                if let request, !captured { worker.emit(.failed(request: request, reason: error.description)) }
                finishedCounters.add(camera.counters)
                worker.emit(.lost(reason: error.description, deviceGone: error.isDeviceGone, at: .now()))
                link.lost(error)
            }
            publish(worker, current: link.camera?.counters)
        }
        let last = link.camera?.counters
        link.close()
        publish(worker, current: last)
        worker.continuation.finish()
    }

    /// Returns the open camera, opening (and describing) one if needed; nil after one unsuccessful search window.
    private func ensureSession(_ worker: PTPCameraWorker) -> PTPCamera? {
        if let camera = link.camera { return camera }
        guard let (camera, gap) = link.connect(timeout: configuration.searchWindow) else {
            worker.emit(.notFound(failedAttempts: link.failedAttempts, lastFailure: link.lastFailure?.description))
            return nil
        }
        camera.transferTimeoutMilliseconds = configuration.transferTimeoutMilliseconds
        if let gap { worker.emit(.recovered(gap)) }
        deviceRefresh.connected()
        do throws(PTPCameraError) {
            worker.emit(.connected(try identity(of: camera), at: .now()))
        } catch {
            finishedCounters.add(camera.counters)
            worker.emit(.lost(reason: error.description, deviceGone: error.isDeviceGone, at: .now()))
            link.lost(error)
            return nil
        }
        return camera
    }

    private func identity(of camera: PTPCamera) throws(PTPCameraError) -> CameraIdentity {
        let info = try camera.deviceInfo()
        let battery =
            info.deviceProperties.contains(PTPPropertyCode.batteryLevel.rawValue)
            ? Int(try camera.batteryLevel()) : nil
        var storage: [CameraIdentity.Storage] = []
        for id in try camera.storageIDs() {
            let s = try camera.storageInfo(id)
            storage.append(
                .init(id: id, capacityBytes: s.maxCapacityBytes, freeBytes: s.freeSpaceBytes, label: s.volumeLabel)
            )
        }
        return CameraIdentity(
            devicePath: camera.device.devicePath,
            vendorID: camera.device.vendorID,
            productID: camera.device.productID,
            manufacturer: info.manufacturer,
            model: info.model,
            serialNumber: info.serialNumber,
            supportsTriggeredCapture: info.supportsTriggeredCapture,
            batteryPercent: battery,
            storage: storage
        )
    }

    /// Trigger-input mode: announce each JPEG the camera reports (with its arrival instant, so the driver can match
    /// it to a pulse) and download it. Other objects (the RAW twin of a RAW+JPEG camera) are not a trigger's image:
    /// given to the matcher they would take the next pulse's window, so they are counted and left on the camera.
    private func downloadAnnounced(_ camera: PTPCamera, _ worker: PTPCameraWorker) throws(PTPCameraError) {
        for announcement in try camera.announcedObjects(timeout: .milliseconds(100)) {
            let info = try camera.objectInfo(announcement.handle)
            guard info.objectFormat.isJPEG else {
                camera.counters.otherObjects += 1
                continue
            }
            worker.emit(.announced(handle: announcement.handle, at: announcement.at))
            undownloaded.append((0, announcement.handle))
        }
        try fetchPending(camera, worker)
    }

    private func fetchPending(_ camera: PTPCamera, _ worker: PTPCameraWorker) throws(PTPCameraError) {
        while let next = undownloaded.first {
            let download = try camera.download(next.handle)
            var deleted = false
            if configuration.deleteAfterVerifiedDownload, download.check == .verified {
                try camera.deleteVerified(download)
                deleted = true
            }
            undownloaded.removeFirst()
            worker.emit(
                .downloaded(
                    CameraImage(
                        request: next.request,
                        objectHandle: next.handle,
                        info: download.info,
                        bytes: download.data,
                        check: download.check,
                        deletedFromCamera: deleted
                    )
                )
            )
        }
    }

    private func publish(_ worker: PTPCameraWorker, current: PTPLinkCounters?) {
        var total = finishedCounters
        if let current { total.add(current) }
        let gaps = link.recorder.gaps
        let hotplug = link.hotplug.map { (arrivals: $0.arrivals, departures: $0.departures) }
        worker.status.withLock {
            $0.counters = total
            $0.gaps = gaps
            $0.hotplug = hotplug
        }
    }
}
