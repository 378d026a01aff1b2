public import ArgumentParser
import Foundation
import TaktCore
import TaktUSB

extension Takt.Probe {
    /// `takt probe usb`: the USB devices libusb enumerates, one JSON line each. Used by the umockdev enumeration test
    /// and to find a camera's bus/address and classes when bringing up a rig.
    public struct USB: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            commandName: "usb", abstract: "List USB devices through libusb as JSON lines.")

        public init() {}

        public func run() async throws {
            let devices: [USBDeviceSummary]
            do {
                devices = try USBContext().devices()
            } catch {
                FileHandle.standardError.write(Data("takt probe usb: \(error)\n".utf8))
                throw ExitCode.failure
            }
            for device in devices.sorted(by: { ($0.bus, $0.address) < ($1.bus, $1.address) }) {
                FileHandle.standardOutput.write(Data((ProbeLine.usb(device) + "\n").utf8))
            }
        }
    }
}

extension ProbeLine {
    static func usb(_ d: USBDeviceSummary) -> String {
        func triple(_ t: USBClassTriple) -> String { "\(t.classCode)/\(t.subclass)/\(t.protocolCode)" }
        let interfaces = d.interfaceClasses.map { quoted(triple($0)) }.joined(separator: ",")
        return #"{"event":"usb","bus":\#(d.bus),"address":\#(d.address),"id":\#(quoted(d.vendorProduct)),"#
            + #""class":\#(quoted(triple(d.deviceClass))),"interfaces":[\#(interfaces)],"#
            + #""stillImage":\#(d.isStillImage)}"#
    }
}
