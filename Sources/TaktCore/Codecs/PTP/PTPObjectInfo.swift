/// The ObjectInfo dataset (ISO 15740 §5.5.2). Takt reads it before GetObject to know the size to verify the
/// download against, the file name to keep, and the parent folder.
public struct PTPObjectInfo: Hashable, Sendable {
    public var storageID: UInt32
    public var objectFormat: PTPObjectFormat
    public var protectionStatus: UInt16
    /// ObjectCompressedSize: the byte count GetObject must deliver (0xFFFFFFFF means "4 GiB or more").
    public var compressedSize: UInt32
    public var thumbFormat: UInt16
    public var thumbCompressedSize: UInt32
    public var thumbPixelWidth: UInt32
    public var thumbPixelHeight: UInt32
    public var imagePixelWidth: UInt32
    public var imagePixelHeight: UInt32
    public var imageBitDepth: UInt32
    public var parentObject: UInt32
    public var associationType: UInt16
    public var associationDescription: UInt32
    public var sequenceNumber: UInt32
    public var filename: String
    /// "YYYYMMDDThhmmss[.s][±hhmm]" as the camera wrote it; whole seconds only on the Theta.
    public var captureDate: String
    public var modificationDate: String
    public var keywords: String

    public init(
        storageID: UInt32,
        objectFormat: PTPObjectFormat,
        compressedSize: UInt32,
        parentObject: UInt32,
        filename: String,
        captureDate: String = "",
        imagePixelWidth: UInt32 = 0,
        imagePixelHeight: UInt32 = 0,
        associationType: UInt16 = 0
    ) {
        self.storageID = storageID
        self.objectFormat = objectFormat
        self.protectionStatus = 0
        self.compressedSize = compressedSize
        self.thumbFormat = 0
        self.thumbCompressedSize = 0
        self.thumbPixelWidth = 0
        self.thumbPixelHeight = 0
        self.imagePixelWidth = imagePixelWidth
        self.imagePixelHeight = imagePixelHeight
        self.imageBitDepth = imagePixelWidth > 0 ? 24 : 0
        self.parentObject = parentObject
        self.associationType = associationType
        self.associationDescription = 0
        self.sequenceNumber = 0
        self.filename = filename
        self.captureDate = captureDate
        self.modificationDate = captureDate
        self.keywords = ""
    }

    public init(decoding payload: [UInt8]) throws(PTPError) {
        var r = PTPDataReader(payload)
        storageID = try r.u32("StorageID")
        objectFormat = PTPObjectFormat(rawValue: try r.u16("ObjectFormat"))
        protectionStatus = try r.u16("ProtectionStatus")
        compressedSize = try r.u32("ObjectCompressedSize")
        thumbFormat = try r.u16("ThumbFormat")
        thumbCompressedSize = try r.u32("ThumbCompressedSize")
        thumbPixelWidth = try r.u32("ThumbPixWidth")
        thumbPixelHeight = try r.u32("ThumbPixHeight")
        imagePixelWidth = try r.u32("ImagePixWidth")
        imagePixelHeight = try r.u32("ImagePixHeight")
        imageBitDepth = try r.u32("ImageBitDepth")
        parentObject = try r.u32("ParentObject")
        associationType = try r.u16("AssociationType")
        associationDescription = try r.u32("AssociationDesc")
        sequenceNumber = try r.u32("SequenceNumber")
        filename = try r.string("Filename")
        captureDate = try r.string("CaptureDate")
        modificationDate = try r.string("ModificationDate")
        keywords = try r.string("Keywords")
        try r.finish("ObjectInfo")
    }

    public func encoded() -> [UInt8] {
        var w = PTPDataWriter()
        w.u32(storageID)
        w.u16(objectFormat.rawValue)
        w.u16(protectionStatus)
        w.u32(compressedSize)
        w.u16(thumbFormat)
        w.u32(thumbCompressedSize)
        w.u32(thumbPixelWidth)
        w.u32(thumbPixelHeight)
        w.u32(imagePixelWidth)
        w.u32(imagePixelHeight)
        w.u32(imageBitDepth)
        w.u32(parentObject)
        w.u16(associationType)
        w.u32(associationDescription)
        w.u32(sequenceNumber)
        w.string(filename)
        w.string(captureDate)
        w.string(modificationDate)
        w.string(keywords)
        return w.bytes
    }
}
