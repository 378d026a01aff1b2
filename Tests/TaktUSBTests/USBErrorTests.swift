import Testing

@testable import TaktUSB

/// `USBError` carries libusb's own name and message for the code (from the real libusb 1.0.26) and the device.
@Suite struct USBErrorTests {
    @Test func descriptionUsesLibusbNamesAndTheDevicePath() {
        let error = USBError("libusb_bulk_transfer(IN)", code: -4, device: "/dev/bus/usb/001/011")
        #expect(error.code == .noDevice && error.isDeviceGone)
        #expect(error.name == "LIBUSB_ERROR_NO_DEVICE")
        #expect(error.description.hasPrefix("libusb_bulk_transfer(IN) /dev/bus/usb/001/011: LIBUSB_ERROR_NO_DEVICE ("))
        #expect(!error.message.isEmpty)
        #expect(USBError("x", code: -7, device: "d").name == "LIBUSB_ERROR_TIMEOUT")
    }

}
