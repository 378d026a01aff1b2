/// A PTP operation code (ISO 15740 §10.4; 0x9xxx are vendor extensions). A newtype, so codes from the wire that
/// Takt has no name for stay representable.
public struct PTPOperationCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let getDeviceInfo = Self(rawValue: 0x1001)
    public static let openSession = Self(rawValue: 0x1002)
    public static let closeSession = Self(rawValue: 0x1003)
    public static let getStorageIDs = Self(rawValue: 0x1004)
    public static let getStorageInfo = Self(rawValue: 0x1005)
    public static let getNumObjects = Self(rawValue: 0x1006)
    public static let getObjectHandles = Self(rawValue: 0x1007)
    public static let getObjectInfo = Self(rawValue: 0x1008)
    public static let getObject = Self(rawValue: 0x1009)
    public static let getThumb = Self(rawValue: 0x100A)
    public static let deleteObject = Self(rawValue: 0x100B)
    public static let initiateCapture = Self(rawValue: 0x100E)
    public static let getDevicePropDesc = Self(rawValue: 0x1014)
    public static let getDevicePropValue = Self(rawValue: 0x1015)
    public static let setDevicePropValue = Self(rawValue: 0x1016)
    public static let getPartialObject = Self(rawValue: 0x101B)

    public var description: String { "0x" + hex4(rawValue) }
}

/// A PTP response code (ISO 15740 §11).
public struct PTPResponseCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let ok = Self(rawValue: 0x2001)
    public static let generalError = Self(rawValue: 0x2002)
    public static let sessionNotOpen = Self(rawValue: 0x2003)
    public static let invalidTransactionID = Self(rawValue: 0x2004)
    public static let operationNotSupported = Self(rawValue: 0x2005)
    public static let invalidObjectHandle = Self(rawValue: 0x2009)
    public static let storeFull = Self(rawValue: 0x200C)
    public static let deviceBusy = Self(rawValue: 0x2019)
    public static let sessionAlreadyOpen = Self(rawValue: 0x201E)

    public var description: String { "0x" + hex4(rawValue) }
}

/// A PTP event code (ISO 15740 §12), delivered on the interrupt endpoint.
public struct PTPEventCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let objectAdded = Self(rawValue: 0x4002)
    public static let devicePropChanged = Self(rawValue: 0x4006)
    public static let storeFull = Self(rawValue: 0x400A)
    public static let storageInfoChanged = Self(rawValue: 0x400C)
    public static let captureComplete = Self(rawValue: 0x400D)

    public var description: String { "0x" + hex4(rawValue) }
}

/// A device property code (ISO 15740 §13).
public struct PTPPropertyCode: RawRepresentable, Hashable, Sendable {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// BatteryLevel, UINT8 percent on the Theta.
    public static let batteryLevel = Self(rawValue: 0x5001)
    public static let dateTime = Self(rawValue: 0x5011)
    public static let captureDelay = Self(rawValue: 0x5012)
    public static let stillCaptureMode = Self(rawValue: 0x5013)
}

/// An object format code (ISO 15740 §6.2).
public struct PTPObjectFormat: RawRepresentable, Hashable, Sendable {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let undefined = Self(rawValue: 0x3000)
    public static let association = Self(rawValue: 0x3001)
    public static let exifJPEG = Self(rawValue: 0x3801)
    public static let jfif = Self(rawValue: 0x3808)

    /// A JPEG still image: what a trigger's exposure is recorded as (a RAW twin, a folder or a video is not).
    public var isJPEG: Bool { self == .exifJPEG || self == .jfif }
}

func hex4(_ value: UInt16) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: 4 - digits.count) + digits
}
