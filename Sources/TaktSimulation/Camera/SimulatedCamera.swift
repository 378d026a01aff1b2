import Foundation
import Synchronization
public import TaktCore
public import TaktDaemon

/// A 360° camera for `takt simulate`: each trigger exposes after `shutterLag` (raising the edge on the simulated
/// receiver's event input at the true exposure instant) and delivers a real JPEG after `deliveryDelay`. Every
/// `missEvery`-th trigger (0 = never) fails without an image, to exercise the reported-miss path.
public final class SimulatedCamera: CameraDriver {
    public struct Configuration: Sendable {
        public var shutterLag: Duration = .milliseconds(40)
        public var deliveryDelay: Duration = .milliseconds(400)
        public var missEvery = 0
        /// What the camera reports as battery and storage: it starts at `batteryPercent` and loses
        /// `batteryDrainPerImage` per image; the store starts with `freeImages` (4 MB each) and fills as it shoots.
        public var batteryPercent = 87.0
        public var batteryDrainPerImage = 0.01
        public var freeImages = 4_800
        public init() {}
    }

    let cameraId: String
    let truth: SimulatedTruth
    let eventInput: SimulatedEventInput?
    let image: Result<[UInt8], any Error>
    let configuration: Configuration
    public let events: AsyncStream<CameraDriverEvent>
    let continuation: AsyncStream<CameraDriverEvent>.Continuation
    public let detail: String
    /// Images taken so far (for the simulated battery and storage).
    let shots = Atomic<Int>(0)

    /// `image` is the fixture's bytes, or why it could not be loaded (then every trigger is a reported miss).
    public init(
        cameraId: String, truth: SimulatedTruth, eventInput: SimulatedEventInput?, image: Result<[UInt8], any Error>,
        configuration: Configuration = Configuration()
    ) {
        self.cameraId = cameraId
        self.truth = truth
        self.eventInput = eventInput
        self.image = image
        self.configuration = configuration
        detail = "simulated 360° camera (shutter lag \(configuration.shutterLag))"
        (events, continuation) = AsyncStream.makeStream()
    }

    public func start() {
        let now = HostClock.monotonic()
        continuation.yield(.linkUp(detail: detail, at: now))
        continuation.yield(.deviceStatus(reading(afterShots: 0), at: now))
    }

    /// Battery and storage after `n` images, as a PTP camera would report them.
    public func reading(afterShots n: Int) -> CameraDeviceReading {
        let c = configuration
        let battery = max(0, c.batteryPercent - c.batteryDrainPerImage * Double(n))
        let free = max(0, c.freeImages - n)
        return CameraDeviceReading(
            batteryPercent: Int(battery.rounded(.down)), freeBytes: UInt64(free) * 4_000_000,
            capacityBytes: 19 * 1_024 * 1_024 * 1_024, freeImages: free)
    }

    public func trigger(seq: UInt32) {
        let commanded = HostClock.monotonic()
        let c = configuration
        let out = continuation
        if c.missEvery > 0 && seq % UInt32(c.missEvery) == 0 {
            out.yield(.failed(seq: seq, reason: "simulated capture failure", at: commanded))
            return
        }
        let bytes: [UInt8]
        do {
            bytes = try SimulatedJPEG.stamped(try image.get(), comment: "takt simulated \(cameraId) seq \(seq)")
        } catch {
            out.yield(.failed(seq: seq, reason: "no simulated image: \(error)", at: commanded))
            return
        }
        eventInput?.edge(at: truth.gps(at: commanded + c.shutterLag))
        let n = shots.add(1, ordering: .relaxed).newValue
        let status = reading(afterShots: n)
        Task {
            try? await Task.sleep(for: c.deliveryDelay)
            out.yield(.image(seq: seq, bytes: bytes, deviceReported: nil, at: HostClock.monotonic()))
            out.yield(.deviceStatus(status, at: commanded))
        }
    }

    public func shutdown() { continuation.finish() }

    /// Loads the fixture named by the camera's `image` option, relative to the rig file's directory.
    public static func loadImage(option: String?, rigPath: String) -> Result<[UInt8], any Error> {
        let name = option ?? "../sim/equirect-512x256.jpg"
        let path = name.hasPrefix("/") ? name : (rigPath as NSString).deletingLastPathComponent + "/" + name
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(SimulatedCameraError.fixtureUnreadable(path: path))
        }
        return .success([UInt8](data))
    }
}
