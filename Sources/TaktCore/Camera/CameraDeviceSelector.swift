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
