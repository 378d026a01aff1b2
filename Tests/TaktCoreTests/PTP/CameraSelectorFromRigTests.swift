import Foundation
import TaktCore
import Testing

@Suite struct CameraSelectorFromRigTests {
    @Test func rigEndpoints() {
        #expect(
            CameraDeviceSelector(USBEndpoint(vendorId: "05ca", productId: "036d"))
                == CameraDeviceSelector(vendorID: 0x05CA, productID: 0x036D)
        )
        #expect(CameraDeviceSelector(USBEndpoint(vendorId: "05CA")) == CameraDeviceSelector(vendorID: 0x05CA))
        #expect(CameraDeviceSelector(USBEndpoint(interfaceClass: 6)) == CameraDeviceSelector())
        #expect(CameraDeviceSelector(USBEndpoint(interfaceClass: 14)) == nil)
        #expect(CameraDeviceSelector(USBEndpoint(vendorId: "5ca")) == nil)
        #expect(CameraDeviceSelector(USBEndpoint(vendorId: "zzzz")) == nil)
        #expect(CameraDeviceSelector(USBEndpoint(productId: "036d")) == nil)
    }

    /// The real vehicle's rig file names the Theta Z1 the emulator impersonates.
    @Test func realRigFileSelectsTheTheta() throws {
        let url = SharedData.repoRoot.appendingPathComponent("hw/rigs/ge-mms1.json5")
        let decoder = JSONDecoder()
        decoder.allowsJSON5 = true
        let rig = try decoder.decode(RigConfig.self, from: Data(contentsOf: url))
        let endpoint = try #require(rig.sensors(of: .camera).first?.connection.usb)
        let theta = USBDeviceSummary(
            vendorID: 0x05CA,
            productID: 0x036D,
            bus: 1,
            address: 11,
            portPath: [1],
            interfaces: [
                .init(
                    number: 0,
                    interfaceClass: 6,
                    subclass: 1,
                    interfaceProtocol: 1,
                    bulkIn: 0x81,
                    bulkOut: 0x02,
                    interruptIn: 0x83
                )
            ]
        )
        let selector = try #require(CameraDeviceSelector(endpoint))
        #expect(selector == CameraDeviceSelector(vendorID: 0x05CA, productID: 0x036D))
        #expect(selector.matches(theta))
    }
}
