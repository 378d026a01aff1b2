/// What a camera worker reports, in order, as plain values: the daemon records them, status shows them, and the
/// trigger path matches `captured` to the trigger request that caused it.
public enum CameraEvent: Sendable {
    /// A session is open on `device`; `identity` is read once per connection.
    case connected(CameraIdentity, at: MonotonicInstant)
    /// Trigger `request` produced objects; the capture carries the four host stamps.
    case captured(PTPCaptureTracker.Capture, request: UInt64)
    /// A camera fired by its trigger input announced object `handle` (ObjectAdded) at `at`; its download follows as
    /// `.downloaded` with the same object handle (and request 0).
    case announced(handle: UInt32, at: MonotonicInstant)
    /// One object of trigger `request`, downloaded and checked (and deleted from the camera if so configured and
    /// verified).
    case downloaded(CameraImage)
    /// Trigger `request` produced nothing (link lost before the capture completed, capture timeout, no object).
    case failed(request: UInt64, reason: String)
    /// The link failed; a gap starts. Downloads still pending are retried after recovery.
    case lost(reason: String, deviceGone: Bool, at: MonotonicInstant)
    /// A session is open again; the gap is closed.
    case recovered(CameraLinkRecorder.Gap)
    /// No matching device could be opened within the worker's search window; it keeps searching.
    case notFound(failedAttempts: Int, lastFailure: String?)
    /// Battery and storage as just read (at connection, every 30 s and after captures; `CameraDeviceRefresh`).
    case deviceStatus(CameraDeviceReading, at: MonotonicInstant)
}

/// Who the camera is and how it is doing, read at each connection.
public struct CameraIdentity: Hashable, Sendable, Codable {
    public var devicePath: String
    public var vendorID: UInt16
    public var productID: UInt16
    public var manufacturer: String
    public var model: String
    public var serialNumber: String
    public var supportsTriggeredCapture: Bool
    public var batteryPercent: Int?
    public var storage: [Storage]

    public struct Storage: Hashable, Sendable, Codable {
        public var id: UInt32
        public var capacityBytes: UInt64
        public var freeBytes: UInt64
        public var label: String

        public init(id: UInt32, capacityBytes: UInt64, freeBytes: UInt64, label: String) {
            self.id = id
            self.capacityBytes = capacityBytes
            self.freeBytes = freeBytes
            self.label = label
        }
    }

    public init(
        devicePath: String,
        vendorID: UInt16,
        productID: UInt16,
        manufacturer: String,
        model: String,
        serialNumber: String,
        supportsTriggeredCapture: Bool,
        batteryPercent: Int?,
        storage: [Storage]
    ) {
        self.devicePath = devicePath
        self.vendorID = vendorID
        self.productID = productID
        self.manufacturer = manufacturer
        self.model = model
        self.serialNumber = serialNumber
        self.supportsTriggeredCapture = supportsTriggeredCapture
        self.batteryPercent = batteryPercent
        self.storage = storage
    }
}

/// One downloaded image with its provenance on the camera.
public struct CameraImage: Sendable {
    public var request: UInt64
    public var objectHandle: UInt32
    public var info: PTPObjectInfo
    public var bytes: [UInt8]
    public var check: PTPDownloadCheck
    public var deletedFromCamera: Bool

    public init(
        request: UInt64,
        objectHandle: UInt32,
        info: PTPObjectInfo,
        bytes: [UInt8],
        check: PTPDownloadCheck,
        deletedFromCamera: Bool
    ) {
        self.request = request
        self.objectHandle = objectHandle
        self.info = info
        self.bytes = bytes
        self.check = check
        self.deletedFromCamera = deletedFromCamera
    }
}
