import CUSB
public import TaktCore

extension USBContext {
    /// Enumerates the USB devices present now, with their interfaces and endpoints. Devices whose descriptors cannot
    /// be read are skipped (they cannot be the camera anyway).
    /// The corresponding C functions are `libusb_get_device_list`, `libusb_get_device_descriptor`,
    /// `libusb_get_config_descriptor`, `libusb_get_bus_number`, `libusb_get_device_address` and
    /// `libusb_get_port_numbers`.
    public func devices() throws(USBError) -> [USBDeviceSummary] {
        var list: UnsafeMutablePointer<OpaquePointer?>?
        let count = libusb_get_device_list(context, &list)
        guard count >= 0, let list else {
            throw USBError("libusb_get_device_list", code: Int32(clamping: count), device: "-")
        }
        defer { libusb_free_device_list(list, 1) }
        var out: [USBDeviceSummary] = []
        for i in 0..<count {
            guard let device = list[i], let summary = Self.summary(of: device) else { continue }
            out.append(summary)
        }
        return out
    }

    static func summary(of device: OpaquePointer) -> USBDeviceSummary? {
        var descriptor = libusb_device_descriptor()
        guard libusb_get_device_descriptor(device, &descriptor) == 0 else { return nil }
        var ports = [UInt8](repeating: 0, count: 8)
        let depth = libusb_get_port_numbers(device, &ports, Int32(ports.count))
        var interfaces: [USBDeviceSummary.Interface] = []
        var config: UnsafeMutablePointer<libusb_config_descriptor>?
        if descriptor.bNumConfigurations > 0, libusb_get_config_descriptor(device, 0, &config) == 0, let config {
            defer { libusb_free_config_descriptor(config) }
            interfaces = Self.interfaces(of: config.pointee)
        }
        var summary = USBDeviceSummary(
            vendorID: descriptor.idVendor,
            productID: descriptor.idProduct,
            bus: libusb_get_bus_number(device),
            address: libusb_get_device_address(device),
            portPath: Array(ports.prefix(max(0, Int(depth)))),
            interfaces: interfaces
        )
        summary.deviceClass = [descriptor.bDeviceClass, descriptor.bDeviceSubClass, descriptor.bDeviceProtocol]
        return summary
    }

    private static func interfaces(of config: libusb_config_descriptor) -> [USBDeviceSummary.Interface] {
        var out: [USBDeviceSummary.Interface] = []
        guard let interfaceArray = config.interface else { return out }
        for i in 0..<Int(config.bNumInterfaces) {
            let interface = interfaceArray[i]
            guard interface.num_altsetting > 0, let alt = interface.altsetting?.pointee else { continue }
            var summary = USBDeviceSummary.Interface(
                number: alt.bInterfaceNumber,
                interfaceClass: alt.bInterfaceClass,
                subclass: alt.bInterfaceSubClass,
                interfaceProtocol: alt.bInterfaceProtocol
            )
            for e in 0..<Int(alt.bNumEndpoints) {
                guard let endpoint = alt.endpoint?[e] else { continue }
                let address = endpoint.bEndpointAddress
                let isIn = address & 0x80 != 0
                switch endpoint.bmAttributes & 0x03 {
                case 2 where isIn && summary.bulkIn == nil: summary.bulkIn = address
                case 2 where !isIn && summary.bulkOut == nil: summary.bulkOut = address
                case 3 where isIn && summary.interruptIn == nil: summary.interruptIn = address
                default: break
                }
            }
            out.append(summary)
        }
        return out
    }

    /// Opens `device` (found again by bus and address, since libusb device references do not outlive a list).
    /// The corresponding C functions are `libusb_get_device_list` and `libusb_open`.
    public func open(_ device: USBDeviceSummary) throws(USBError) -> USBDeviceHandle {
        var list: UnsafeMutablePointer<OpaquePointer?>?
        let count = libusb_get_device_list(context, &list)
        guard count >= 0, let list else {
            throw USBError("libusb_get_device_list", code: Int32(clamping: count), device: device.devicePath)
        }
        defer { libusb_free_device_list(list, 1) }
        for i in 0..<count {
            guard let candidate = list[i], libusb_get_bus_number(candidate) == device.bus,
                libusb_get_device_address(candidate) == device.address
            else { continue }
            var handle: OpaquePointer?
            let result = libusb_open(candidate, &handle)
            guard result == 0, let handle else {
                throw USBError("libusb_open", code: result, device: device.devicePath)
            }
            return USBDeviceHandle(handle: handle, context: self, path: device.devicePath)
        }
        throw USBError("libusb_open", code: LIBUSB_ERROR_NO_DEVICE.rawValue, device: device.devicePath)
    }
}
