import TaktCore
import Testing

@Suite struct USBDeviceSummaryTests {
    @Test func formatsIDsAndRecognisesStillImageOnDeviceOrInterface() {
        let ptp = USBDeviceSummary.Interface(number: 0, interfaceClass: 6, subclass: 1, interfaceProtocol: 1)
        let hub = USBDeviceSummary.Interface(number: 0, interfaceClass: 9, subclass: 0, interfaceProtocol: 0)
        var d = USBDeviceSummary(vendorID: 0x04A9, productID: 0x31C0, bus: 1, address: 11, portPath: [1], interfaces: [ptp])
        #expect(d.vendorProduct == "04a9:31c0")
        #expect(d.isStillImage)
        d.interfaces = [hub]
        #expect(!d.isStillImage)
        d.deviceClass = [6, 1, 1]
        #expect(d.isStillImage)
        #expect(USBDeviceSummary(vendorID: 0xA, productID: 0, bus: 1, address: 1, portPath: [], interfaces: []).vendorProduct == "000a:0000")
    }
}
