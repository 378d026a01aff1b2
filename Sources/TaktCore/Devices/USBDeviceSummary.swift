/// What Takt needs to recognise a USB device on the rig (a camera, a GNSS receiver's CDC port): where it sits and
/// what it claims to be. Filled by `TaktUSB` from libusb descriptors; matching against the rig file happens here in
/// the core, on these values.
public struct USBDeviceSummary: Hashable, Sendable, Codable {
    public var bus: Int
    public var address: Int
    public var vendorID: UInt16
    public var productID: UInt16
    /// Device-level class triple (0/0/0 means "see interfaces").
    public var deviceClass: USBClassTriple
    /// One triple per interface of the active (or first) configuration, e.g. 6/1/1 for PTP still image.
    public var interfaceClasses: [USBClassTriple]

    public init(
        bus: Int, address: Int, vendorID: UInt16, productID: UInt16, deviceClass: USBClassTriple,
        interfaceClasses: [USBClassTriple]
    ) {
        self.bus = bus
        self.address = address
        self.vendorID = vendorID
        self.productID = productID
        self.deviceClass = deviceClass
        self.interfaceClasses = interfaceClasses
    }

    /// "vvvv:pppp" in lowercase hex, as lsusb and udev print it.
    public var vendorProduct: String { Self.hex4(vendorID) + ":" + Self.hex4(productID) }

    /// True if the device or any interface is a still-image (PTP) class device: class 6, subclass 1, protocol 1.
    public var isStillImage: Bool {
        deviceClass == .stillImage || interfaceClasses.contains(.stillImage)
    }

    private static func hex4(_ v: UInt16) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 4 - s.count) + s
    }
}

/// A USB class/subclass/protocol triple.
public struct USBClassTriple: Hashable, Sendable, Codable {
    public var classCode: UInt8
    public var subclass: UInt8
    public var protocolCode: UInt8

    public init(classCode: UInt8, subclass: UInt8, protocolCode: UInt8) {
        self.classCode = classCode
        self.subclass = subclass
        self.protocolCode = protocolCode
    }

    public static let stillImage = USBClassTriple(classCode: 6, subclass: 1, protocolCode: 1)
    public static let hub = USBClassTriple(classCode: 9, subclass: 0, protocolCode: 0)
}
