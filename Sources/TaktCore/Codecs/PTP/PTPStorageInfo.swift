/// The StorageInfo dataset (ISO 15740 §5.5.3): capacity and free space of one card, reported in status so the
/// operator sees a filling card before captures fail with StoreFull.
public struct PTPStorageInfo: Hashable, Sendable {
    public var storageType: UInt16
    public var filesystemType: UInt16
    public var accessCapability: UInt16
    public var maxCapacityBytes: UInt64
    public var freeSpaceBytes: UInt64
    public var freeSpaceImages: UInt32
    public var storageDescription: String
    public var volumeLabel: String

    public init(
        storageType: UInt16 = 3,
        filesystemType: UInt16 = 2,
        accessCapability: UInt16 = 0,
        maxCapacityBytes: UInt64,
        freeSpaceBytes: UInt64,
        freeSpaceImages: UInt32 = 0xFFFF_FFFF,
        storageDescription: String = "",
        volumeLabel: String = ""
    ) {
        self.storageType = storageType
        self.filesystemType = filesystemType
        self.accessCapability = accessCapability
        self.maxCapacityBytes = maxCapacityBytes
        self.freeSpaceBytes = freeSpaceBytes
        self.freeSpaceImages = freeSpaceImages
        self.storageDescription = storageDescription
        self.volumeLabel = volumeLabel
    }

    public init(decoding payload: [UInt8]) throws(PTPError) {
        var r = PTPDataReader(payload)
        storageType = try r.u16("StorageType")
        filesystemType = try r.u16("FilesystemType")
        accessCapability = try r.u16("AccessCapability")
        maxCapacityBytes = try r.u64("MaxCapacity")
        freeSpaceBytes = try r.u64("FreeSpaceInBytes")
        freeSpaceImages = try r.u32("FreeSpaceInImages")
        storageDescription = try r.string("StorageDescription")
        volumeLabel = try r.string("VolumeLabel")
        try r.finish("StorageInfo")
    }

    public func encoded() -> [UInt8] {
        var w = PTPDataWriter()
        w.u16(storageType)
        w.u16(filesystemType)
        w.u16(accessCapability)
        w.u64(maxCapacityBytes)
        w.u64(freeSpaceBytes)
        w.u32(freeSpaceImages)
        w.string(storageDescription)
        w.string(volumeLabel)
        return w.bytes
    }
}
