/// The DeviceInfo dataset (ISO 15740 §5.5.1), returned by GetDeviceInfo: what the camera is and which operations,
/// events and properties it supports. Takt checks InitiateCapture and the two capture events before relying on them.
public struct PTPDeviceInfo: Hashable, Sendable {
    public var standardVersion: UInt16
    public var vendorExtensionID: UInt32
    public var vendorExtensionVersion: UInt16
    public var vendorExtensionDescription: String
    public var functionalMode: UInt16
    public var operations: [UInt16]
    public var events: [UInt16]
    public var deviceProperties: [UInt16]
    public var captureFormats: [UInt16]
    public var imageFormats: [UInt16]
    public var manufacturer: String
    public var model: String
    public var deviceVersion: String
    public var serialNumber: String

    public init(
        standardVersion: UInt16 = 100,
        vendorExtensionID: UInt32 = 0,
        vendorExtensionVersion: UInt16 = 0,
        vendorExtensionDescription: String = "",
        functionalMode: UInt16 = 0,
        operations: [UInt16],
        events: [UInt16],
        deviceProperties: [UInt16],
        captureFormats: [UInt16],
        imageFormats: [UInt16],
        manufacturer: String,
        model: String,
        deviceVersion: String,
        serialNumber: String
    ) {
        self.standardVersion = standardVersion
        self.vendorExtensionID = vendorExtensionID
        self.vendorExtensionVersion = vendorExtensionVersion
        self.vendorExtensionDescription = vendorExtensionDescription
        self.functionalMode = functionalMode
        self.operations = operations
        self.events = events
        self.deviceProperties = deviceProperties
        self.captureFormats = captureFormats
        self.imageFormats = imageFormats
        self.manufacturer = manufacturer
        self.model = model
        self.deviceVersion = deviceVersion
        self.serialNumber = serialNumber
    }

    /// Decodes the data phase of GetDeviceInfo. Trailing bytes are tolerated: vendors append fields.
    public init(decoding payload: [UInt8]) throws(PTPError) {
        var r = PTPDataReader(payload)
        standardVersion = try r.u16("StandardVersion")
        vendorExtensionID = try r.u32("VendorExtensionID")
        vendorExtensionVersion = try r.u16("VendorExtensionVersion")
        vendorExtensionDescription = try r.string("VendorExtensionDesc")
        functionalMode = try r.u16("FunctionalMode")
        operations = try r.u16Array("OperationsSupported")
        events = try r.u16Array("EventsSupported")
        deviceProperties = try r.u16Array("DevicePropertiesSupported")
        captureFormats = try r.u16Array("CaptureFormats")
        imageFormats = try r.u16Array("ImageFormats")
        manufacturer = try r.string("Manufacturer")
        model = try r.string("Model")
        deviceVersion = try r.string("DeviceVersion")
        serialNumber = try r.string("SerialNumber")
    }

    public func encoded() -> [UInt8] {
        var w = PTPDataWriter()
        w.u16(standardVersion)
        w.u32(vendorExtensionID)
        w.u16(vendorExtensionVersion)
        w.string(vendorExtensionDescription)
        w.u16(functionalMode)
        w.u16Array(operations)
        w.u16Array(events)
        w.u16Array(deviceProperties)
        w.u16Array(captureFormats)
        w.u16Array(imageFormats)
        w.string(manufacturer)
        w.string(model)
        w.string(deviceVersion)
        w.string(serialNumber)
        return w.bytes
    }

    /// True when the camera advertises what triggered capture needs: InitiateCapture, ObjectAdded, GetObjectInfo
    /// and GetObject. CaptureComplete is optional in the standard (single-object captures may omit it).
    public var supportsTriggeredCapture: Bool {
        operations.contains(PTPOperationCode.initiateCapture.rawValue)
            && operations.contains(PTPOperationCode.getObjectInfo.rawValue)
            && operations.contains(PTPOperationCode.getObject.rawValue)
            && events.contains(PTPEventCode.objectAdded.rawValue)
    }
}
