/// Which USB device is the rig's camera: by vendor (and optionally product) ID, or by interface class 6/1/1 alone.
///
/// The Theta X has no product ID in libgphoto2's tables, so a rig file may give only the vendor; matching on the
/// PTP interface as well keeps a same-vendor device in another mode (UVC streaming) from being taken for the camera.
public struct CameraDeviceSelector: Hashable, Sendable, Codable {
    public var vendorID: UInt16?
    public var productID: UInt16?

    public init(vendorID: UInt16? = nil, productID: UInt16? = nil) {
        self.vendorID = vendorID
        self.productID = productID
    }

    /// True when `device` has a usable PTP interface and the IDs given match.
    public func matches(_ device: USBDeviceSummary) -> Bool {
        guard device.ptpInterface != nil else { return false }
        if let vendorID, device.vendorID != vendorID { return false }
        if let productID, device.productID != productID { return false }
        return true
    }

    /// The device to use among `devices`: the first match in bus/address order, so the choice is reproducible.
    public func select(from devices: [USBDeviceSummary]) -> USBDeviceSummary? {
        devices.filter(matches).min { ($0.bus, $0.address) < ($1.bus, $1.address) }
    }
}

extension CameraDeviceSelector {
    /// The selector a rig file's `usb` endpoint describes; nil when its IDs are not 4 hex digits (which
    /// `RigConfig.problems()` reports) or when it names an interface class other than 6 (Still Image), since the
    /// PTP driver can serve nothing else.
    public init?(_ endpoint: USBEndpoint) {
        if let interfaceClass = endpoint.interfaceClass, interfaceClass != 6 { return nil }
        func id(_ text: String?) -> UInt16?? {
            guard let text else { return .some(nil) }
            guard text.count == 4, let value = UInt16(text, radix: 16) else { return nil }
            return .some(value)
        }
        guard let vendor = id(endpoint.vendorId), let product = id(endpoint.productId) else { return nil }
        if product != nil, vendor == nil { return nil }
        self.init(vendorID: vendor, productID: product)
    }
}
