/// What USB enumeration tells about one device, as plain values: enough to pick the camera and its endpoints.
/// The USB adapter builds these from libusb descriptors; the core decides which one is the camera.
public struct USBDeviceSummary: Hashable, Sendable, Codable {
    public struct Interface: Hashable, Sendable, Codable {
        public var number: UInt8
        public var interfaceClass: UInt8
        public var subclass: UInt8
        public var interfaceProtocol: UInt8
        /// Endpoint addresses by transfer kind (bit 7 set = IN).
        public var bulkIn: UInt8?
        public var bulkOut: UInt8?
        public var interruptIn: UInt8?

        public init(
            number: UInt8,
            interfaceClass: UInt8,
            subclass: UInt8,
            interfaceProtocol: UInt8,
            bulkIn: UInt8? = nil,
            bulkOut: UInt8? = nil,
            interruptIn: UInt8? = nil
        ) {
            self.number = number
            self.interfaceClass = interfaceClass
            self.subclass = subclass
            self.interfaceProtocol = interfaceProtocol
            self.bulkIn = bulkIn
            self.bulkOut = bulkOut
            self.interruptIn = interruptIn
        }

        /// Still Image class 6, subclass 1 (Still Image Capture), protocol 1 (PIMA 15740 / PTP).
        public var isPTP: Bool { interfaceClass == 6 && subclass == 1 && interfaceProtocol == 1 }
    }

    public var vendorID: UInt16
    public var productID: UInt16
    public var bus: UInt8
    public var address: UInt8
    /// Port numbers from the root hub, e.g. [1, 5, 2, 3]; stable across re-plugs into the same socket.
    public var portPath: [UInt8]
    public var interfaces: [Interface]
    /// bDeviceClass/SubClass/Protocol of the device descriptor (0/0/0 when classes are per interface).
    public var deviceClass: [UInt8] = [0, 0, 0]

    public init(
        vendorID: UInt16,
        productID: UInt16,
        bus: UInt8,
        address: UInt8,
        portPath: [UInt8],
        interfaces: [Interface]
    ) {
        self.vendorID = vendorID
        self.productID = productID
        self.bus = bus
        self.address = address
        self.portPath = portPath
        self.interfaces = interfaces
    }

    /// The usbfs node libusb opens, for error messages: /dev/bus/usb/BBB/DDD.
    public var devicePath: String {
        func three(_ v: UInt8) -> String { let s = String(v); return String(repeating: "0", count: 3 - s.count) + s }
        return "/dev/bus/usb/\(three(bus))/\(three(address))"
    }

    /// The first PTP interface with all three endpoints a PTP host needs.
    public var ptpInterface: Interface? {
        interfaces.first { $0.isPTP && $0.bulkIn != nil && $0.bulkOut != nil && $0.interruptIn != nil }
    }

    /// `vvvv:pppp` as lsusb prints it.
    public var vendorProduct: String { Self.hex4(vendorID) + ":" + Self.hex4(productID) }

    /// A still-image (PTP) device by its device class or any interface.
    public var isStillImage: Bool { deviceClass.first == 6 || interfaces.contains { $0.interfaceClass == 6 } }

    private static func hex4(_ v: UInt16) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }
}
