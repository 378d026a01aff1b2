import CUSB
public import TaktCore

/// A libusb session (`libusb_context`), closed in `deinit`. Enumeration only for now: the camera driver will add
/// transfers on its own event thread.
///
/// `@unchecked Sendable`: libusb contexts are thread-safe for enumeration (libusb's "Multi-threaded applications"
/// guide), and this class holds nothing else mutable.
public final class USBContext: @unchecked Sendable {
    private let context: OpaquePointer

    /// The corresponding C function is `libusb_init`.
    public init() throws(USBError) {
        var ctx: OpaquePointer?
        let rc = libusb_init(&ctx)
        guard rc == 0, let ctx else { throw USBError("libusb_init", code: rc) }
        context = ctx
    }

    /// Lists attached devices with their descriptors. Devices whose descriptors cannot be read are skipped, since
    /// one flaky hub must not hide the rest of the bus.
    /// The corresponding C functions are `libusb_get_device_list`, `libusb_get_device_descriptor`,
    /// `libusb_get_active_config_descriptor`/`libusb_get_config_descriptor` and `libusb_free_device_list`.
    public func devices() throws(USBError) -> [USBDeviceSummary] {
        var list: UnsafeMutablePointer<OpaquePointer?>?
        let count = libusb_get_device_list(context, &list)
        guard count >= 0, let list else { throw USBError("libusb_get_device_list", code: Int32(clamping: count)) }
        defer { libusb_free_device_list(list, 1) }
        var out: [USBDeviceSummary] = []
        for i in 0..<Int(count) {
            guard let device = list[i] else { continue }
            var descriptor = libusb_device_descriptor()
            guard libusb_get_device_descriptor(device, &descriptor) == 0 else { continue }
            out.append(
                USBDeviceSummary(
                    bus: Int(libusb_get_bus_number(device)), address: Int(libusb_get_device_address(device)),
                    vendorID: descriptor.idVendor, productID: descriptor.idProduct,
                    deviceClass: USBClassTriple(
                        classCode: descriptor.bDeviceClass, subclass: descriptor.bDeviceSubClass,
                        protocolCode: descriptor.bDeviceProtocol),
                    interfaceClasses: interfaceClasses(device, configurations: descriptor.bNumConfigurations)))
        }
        return out
    }

    /// Interface class triples of the active configuration, or of the first one when none is active (unopened).
    private func interfaceClasses(_ device: OpaquePointer, configurations: UInt8) -> [USBClassTriple] {
        var config: UnsafeMutablePointer<libusb_config_descriptor>?
        if libusb_get_active_config_descriptor(device, &config) != 0 || config == nil {
            guard configurations > 0, libusb_get_config_descriptor(device, 0, &config) == 0 else { return [] }
        }
        guard let config else { return [] }
        defer { libusb_free_config_descriptor(config) }
        var out: [USBClassTriple] = []
        for i in 0..<Int(config.pointee.bNumInterfaces) {
            let interface = config.pointee.interface[i]
            guard interface.num_altsetting > 0, let alt = interface.altsetting else { continue }
            out.append(
                USBClassTriple(
                    classCode: alt.pointee.bInterfaceClass, subclass: alt.pointee.bInterfaceSubClass,
                    protocolCode: alt.pointee.bInterfaceProtocol))
        }
        return out
    }

    deinit {
        // The corresponding C function is `libusb_exit`.
        libusb_exit(context)
    }
}
