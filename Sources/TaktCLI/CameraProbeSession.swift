import Foundation
import TaktCore
import TaktUSB

/// The capture loop of `takt probe camera` over `PTPCameraWorker`: N trigger requests, one at a time; each image
/// is saved as it arrives; a request that produced nothing (link lost, capture timeout) is triggered again.
struct CameraProbeSession {
    let worker: PTPCameraWorker
    let outDirectory: String?

    /// Returns true when all `captures` images arrived.
    func run(captures: Int) async -> Bool {
        var downloaded = 0
        var request: UInt64 = 0
        var searches = 0
        worker.start()
        loop: for await event in worker.events {
            switch event {
            case .connected(let identity, _):
                CameraProbeLine.emit(CameraProbeLine.connected(identity))
                guard captures > 0 else { break loop }
                if request == 0 {
                    request = 1
                    worker.trigger(request)
                }
            case .announced:
                break
            case .captured(let capture, let r):
                CameraProbeLine.emit(CameraProbeLine.capture(capture, index: Int(r)))
            case .downloaded(let image):
                CameraProbeLine.emit(save(image))
                downloaded += 1
                if downloaded >= captures { break loop }
                if image.request == request, request < UInt64(captures) {
                    request += 1
                    worker.trigger(request)
                }
            case .failed(let r, let reason):
                CameraProbeLine.emit(["event": "captureFailed", "index": Int(r), "reason": reason])
                worker.trigger(r)
            case .lost(let reason, let gone, let at):
                CameraProbeLine.emit([
                    "event": "lost", "error": reason, "deviceGone": gone, "monotonicNs": at.nanoseconds,
                ])
            case .recovered(let gap):
                CameraProbeLine.emit(CameraProbeLine.recovered(gap))
            case .deviceStatus(let reading, let at):
                CameraProbeLine.emit(CameraProbeLine.deviceStatus(reading, at: at))
            case .notFound(let attempts, let last):
                searches += 1
                CameraProbeLine.emit([
                    "event": "notFound", "attempts": attempts, "lastFailure": last ?? "", "searches": searches,
                ])
                if searches >= 5 { break loop }
            }
        }
        worker.shutdown()
        for await _ in worker.events {}  // the thread closes the session, then finishes the stream
        var exit = CameraProbeLine.exit(captures: downloaded, counters: worker.counters, gaps: worker.gaps)
        exit["hotplug"] = worker.hotplugCounts != nil
        exit["hotplugArrivals"] = worker.hotplugCounts?.arrivals ?? 0
        exit["hotplugDepartures"] = worker.hotplugCounts?.departures ?? 0
        exit["droppedEvents"] = worker.droppedEvents
        CameraProbeLine.emit(exit)
        return downloaded >= captures
    }

    private func save(_ image: CameraImage) -> [String: Any] {
        var line: [String: Any] = [
            "event": "downloaded", "index": Int(image.request), "handle": Int(image.objectHandle),
            "name": image.info.filename, "size": image.bytes.count, "verified": image.check == .verified,
            "deleted": image.deletedFromCamera,
        ]
        if let outDirectory {
            let path = URL(fileURLWithPath: outDirectory).appendingPathComponent(image.info.filename).path
            line["path"] = path
            line["saved"] = FileManager.default.createFile(atPath: path, contents: Data(image.bytes))
        }
        return line
    }
}
