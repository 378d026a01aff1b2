import TaktCore
import Testing

@Suite struct USBDeviceSummaryTests {
    @Test func formatsIDsAndRecognisesStillImageOnDeviceOrInterface() {
        var d = USBDeviceSummary(
            bus: 1, address: 11, vendorID: 0x04A9, productID: 0x31C0,
            deviceClass: USBClassTriple(classCode: 0, subclass: 0, protocolCode: 0), interfaceClasses: [.stillImage])
        #expect(d.vendorProduct == "04a9:31c0")
        #expect(d.isStillImage)
        d.interfaceClasses = [.hub]
        #expect(!d.isStillImage)
        d.deviceClass = .stillImage
        #expect(d.isStillImage)
        #expect(
            USBDeviceSummary(bus: 1, address: 1, vendorID: 0xA, productID: 0, deviceClass: .hub, interfaceClasses: [])
                .vendorProduct == "000a:0000")
    }
}
