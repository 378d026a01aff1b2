import Foundation
import TaktCore

/// JSON lines printed by `takt probe camera`, one object per line, flushed immediately so a harness reading the
/// pipe sees each event as it happens.
enum CameraProbeLine {
    static func emit(_ object: [String: Any]) {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return }
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }

    static func device(_ d: USBDeviceSummary, _ selector: CameraDeviceSelector) -> [String: Any] {
        [
            "event": "device", "path": d.devicePath, "vendor": Int(d.vendorID), "product": Int(d.productID),
            "bus": Int(d.bus), "address": Int(d.address), "ports": d.portPath.map(Int.init),
            "ptp": d.ptpInterface != nil, "selected": selector.matches(d),
            "interfaces": d.interfaces.map { i in
                [
                    "number": Int(i.number), "class": Int(i.interfaceClass), "subclass": Int(i.subclass),
                    "protocol": Int(i.interfaceProtocol), "bulkIn": i.bulkIn.map(Int.init) ?? -1,
                    "bulkOut": i.bulkOut.map(Int.init) ?? -1, "interruptIn": i.interruptIn.map(Int.init) ?? -1,
                ]
            },
        ]
    }

    static func connected(_ i: CameraIdentity) -> [String: Any] {
        [
            "event": "connected", "device": i.devicePath, "vendor": Int(i.vendorID), "product": Int(i.productID),
            "manufacturer": i.manufacturer, "model": i.model, "serial": i.serialNumber,
            "triggeredCapture": i.supportsTriggeredCapture, "battery": i.batteryPercent ?? -1,
            "storage": i.storage.map { s in
                [
                    "id": Int(s.id), "freeBytes": Int(s.freeBytes), "capacityBytes": Int(s.capacityBytes),
                    "label": s.label,
                ]
            },
        ]
    }

    /// Battery and storage as the worker just read them; absent fields are ones the camera does not report.
    static func deviceStatus(_ r: CameraDeviceReading, at: MonotonicInstant) -> [String: Any] {
        var line: [String: Any] = ["event": "deviceStatus", "monotonicNs": at.nanoseconds]
        if let b = r.batteryPercent { line["battery"] = b }
        if let f = r.freeBytes { line["freeBytes"] = f }
        if let c = r.capacityBytes { line["capacityBytes"] = c }
        if let i = r.freeImages { line["freeImages"] = i }
        return line
    }

    static func recovered(_ gap: CameraLinkRecorder.Gap) -> [String: Any] {
        [
            "event": "recovered", "lostNs": gap.lostAt.nanoseconds, "recoveredNs": gap.recoveredAt.nanoseconds,
            "gapMs": Double(gap.duration.components.seconds) * 1000
                + Double(gap.duration.components.attoseconds) / 1e15,
            "reason": gap.reason,
        ]
    }

    static func capture(_ c: PTPCaptureTracker.Capture, index: Int) -> [String: Any] {
        [
            "event": "captured", "index": index, "transactionID": Int(c.transactionID),
            "handles": c.objectHandles.map(Int.init), "commandSentNs": c.commandSent.nanoseconds,
            "responseNs": c.responseReceived.nanoseconds, "objectAddedNs": c.firstObjectAdded?.nanoseconds ?? -1,
            "captureCompleteNs": c.captureComplete?.nanoseconds ?? -1,
        ]
    }

    static func exit(captures: Int, counters: PTPLinkCounters, gaps: [CameraLinkRecorder.Gap]) -> [String: Any] {
        [
            "event": "exit", "captures": captures, "garbageTransfers": counters.garbageTransfers,
            "garbageEvents": counters.garbageEvents, "ignoredContainers": counters.ignoredContainers,
            "discardedBytes": counters.discardedBytes, "otherEvents": counters.otherEvents,
            "otherObjects": counters.otherObjects,
            "gaps": gaps.map {
                [
                    "lostNs": $0.lostAt.nanoseconds, "recoveredNs": $0.recoveredAt.nanoseconds,
                    "reason": $0.reason,
                ]
            },
        ]
    }
}
