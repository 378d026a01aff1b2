/// Battery and storage as the camera reported them at one moment (PTP BatteryLevel 0x5001 and GetStorageInfo
/// over all its stores). A field the camera does not report stays nil rather than a guess.
public struct CameraDeviceReading: Hashable, Sendable, Codable {
    public var batteryPercent: Int?
    /// Summed over the camera's stores.
    public var freeBytes: UInt64?
    public var capacityBytes: UInt64?
    /// Images the camera says still fit (PTP FreeSpaceInImages; nil when it answers 0xFFFFFFFF, "not used").
    public var freeImages: Int?

    public init(batteryPercent: Int?, freeBytes: UInt64?, capacityBytes: UInt64?, freeImages: Int?) {
        self.batteryPercent = batteryPercent
        self.freeBytes = freeBytes
        self.capacityBytes = capacityBytes
        self.freeImages = freeImages
    }

    /// From the PTP answers: the battery value (nil when the camera lists no BatteryLevel property) and every
    /// store's StorageInfo.
    public init(battery: Int64?, storage: [PTPStorageInfo]) {
        batteryPercent = battery.map { Int(clamping: $0) }
        freeBytes = storage.isEmpty ? nil : storage.reduce(0) { $0 &+ $1.freeSpaceBytes }
        capacityBytes = storage.isEmpty ? nil : storage.reduce(0) { $0 &+ $1.maxCapacityBytes }
        let counts = storage.map(\.freeSpaceImages).filter { $0 != 0xFFFF_FFFF }
        freeImages = counts.isEmpty ? nil : counts.reduce(0) { $0 + Int($1) }
    }
}
