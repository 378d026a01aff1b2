/// The camera's own state in `takt status`: connection, battery and storage as it last reported them, with their
/// age, and how long the storage lasts at the current image rate.
public struct CameraDeviceStatus: Codable, Sendable, Equatable {
    public var id: String
    public var connected: Bool
    public var batteryPercent: Int?
    public var batteryAgeSeconds: Double?
    public var storageFreeBytes: Int64?
    public var storageCapacityBytes: Int64?
    public var storageFreeImages: Int?
    public var storageAgeSeconds: Double?
    /// Minutes until the storage is full at the current image rate; nil while no images flow.
    public var storageMinutesLeft: Double?

    public init(
        id: String, connected: Bool, batteryPercent: Int? = nil, batteryAgeSeconds: Double? = nil,
        storageFreeBytes: Int64? = nil, storageCapacityBytes: Int64? = nil, storageFreeImages: Int? = nil,
        storageAgeSeconds: Double? = nil, storageMinutesLeft: Double? = nil
    ) {
        self.id = id
        self.connected = connected
        self.batteryPercent = batteryPercent
        self.batteryAgeSeconds = batteryAgeSeconds
        self.storageFreeBytes = storageFreeBytes
        self.storageCapacityBytes = storageCapacityBytes
        self.storageFreeImages = storageFreeImages
        self.storageAgeSeconds = storageAgeSeconds
        self.storageMinutesLeft = storageMinutesLeft
    }
}
