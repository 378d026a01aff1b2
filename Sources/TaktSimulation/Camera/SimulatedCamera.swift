import Foundation
import TaktCore
public import TaktDaemon

/// A 360° camera for `takt simulate`: each trigger exposes after `shutterLag` (raising the edge on the simulated
/// receiver's event input at the true exposure instant) and delivers a real JPEG after `deliveryDelay`. Every
/// `missEvery`-th trigger (0 = never) fails without an image, to exercise the reported-miss path.
public final class SimulatedCamera: CameraDriver {
    public struct Configuration: Sendable {
        public var shutterLag: Duration = .milliseconds(40)
        public var deliveryDelay: Duration = .milliseconds(400)
        public var missEvery = 0
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
        continuation.yield(.linkUp(detail: detail, at: HostClock.monotonic()))
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
        Task {
            try? await Task.sleep(for: c.deliveryDelay)
            out.yield(.image(seq: seq, bytes: bytes, deviceReported: nil, at: HostClock.monotonic()))
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
