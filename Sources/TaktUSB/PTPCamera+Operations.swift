public import TaktCore

extension PTPCamera {
    /// Opens session `id`. A camera still holding the session of a host that died (SessionAlreadyOpen) gets that
    /// session closed and a fresh one opened, so transaction ids start clean.
    public func openSession(id: UInt32 = 1) throws(PTPCameraError) {
        let response = try transact(PTPRequest(.openSession, [id]))
        switch response.code {
        case .ok: return
        case .sessionAlreadyOpen:
            _ = try transact(PTPRequest(.closeSession))
            try expectOK(PTPRequest(.openSession, [id]))
        default:
            throw .response(.openSession, response.code, device: device.devicePath)
        }
    }

    /// Closes the session; errors are ignored because this runs on the way out, often after the device is gone.
    public func closeSession() {
        if case .open = session.state { _ = try? transact(PTPRequest(.closeSession)) }
    }

    public func deviceInfo() throws(PTPCameraError) -> PTPDeviceInfo {
        try decode(try expectOK(PTPRequest(.getDeviceInfo)).data, PTPDeviceInfo.init(decoding:))
    }

    public func storageIDs() throws(PTPCameraError) -> [UInt32] {
        try decode(try expectOK(PTPRequest(.getStorageIDs)).data) { (payload) throws(PTPError) in
            var reader = PTPDataReader(payload)
            let ids = try reader.u32Array("StorageIDs")
            try reader.finish("StorageIDs")
            return ids
        }
    }

    public func storageInfo(_ storageID: UInt32) throws(PTPCameraError) -> PTPStorageInfo {
        try decode(try expectOK(PTPRequest(.getStorageInfo, [storageID])).data, PTPStorageInfo.init(decoding:))
    }

    /// BatteryLevel (0x5001) as the camera reports it (percent on the Theta), read as UINT8.
    public func batteryLevel() throws(PTPCameraError) -> Int64 {
        let data = try expectOK(PTPRequest(.getDevicePropValue, [UInt32(PTPPropertyCode.batteryLevel.rawValue)])).data
        return try decode(data) { (payload) throws(PTPError) in try PTPPropertyValue.integer(payload, dataType: 0x0002)
        }
    }

    public func objectInfo(_ handle: UInt32) throws(PTPCameraError) -> PTPObjectInfo {
        try decode(try expectOK(PTPRequest(.getObjectInfo, [handle])).data, PTPObjectInfo.init(decoding:))
    }

    /// Downloads an object and checks it (size against ObjectInfo, JPEG SOI/EOI).
    public func download(_ handle: UInt32) throws(PTPCameraError) -> PTPDownload {
        let info = try objectInfo(handle)
        let data = try expectOK(PTPRequest(.getObject, [handle])).data
        return PTPDownload(handle: handle, info: info, data: data, check: PTPDownloadCheck.check(data, against: info))
    }

    /// Deletes an object, but only one whose download verified: the camera may hold the only copy.
    public func deleteVerified(_ download: PTPDownload) throws(PTPCameraError) {
        guard download.check == .verified else {
            throw .downloadRejected(download.check, filename: download.info.filename)
        }
        try expectOK(PTPRequest(.deleteObject, [download.handle, 0]))
    }

    /// Triggers one capture and waits for its ObjectAdded and CaptureComplete events.
    public func capture(timeout: Duration) throws(PTPCameraError) -> PTPCaptureTracker.Capture {
        while let stale = events.next(timeout: .zero) { try consumeOutsideCapture(stale) }
        let response = try expectOK(PTPRequest(.initiateCapture, [0, 0]))
        var tracker = PTPCaptureTracker(
            transactionID: response.transactionID,
            commandSent: lastCommandSent,
            responseReceived: lastResponseReceived
        )
        let deadline = lastResponseReceived + timeout
        while true {
            let remaining = deadline - MonotonicInstant.now()
            guard remaining > .zero, let item = events.next(timeout: remaining) else {
                throw .captureTimedOut(after: timeout, device: device.devicePath)
            }
            switch item {
            case .failed(let error, _):
                throw .usb(error)
            case .transfer(let bytes, let at):
                let event: PTPEvent
                do throws(PTPError) { event = try PTPEvent(decoding: bytes) } catch {
                    counters.garbageEvents += 1
                    continue
                }
                switch tracker.handle(event, at: at) {
                case .pending:
                    if event.code != .objectAdded { counters.otherEvents += 1 }
                case .finished(let capture): return capture
                case .noObject(let tid): throw .noObject(transactionID: tid, device: device.devicePath)
                }
            }
        }
    }

    private func consumeOutsideCapture(_ item: USBInterruptListener.Item) throws(PTPCameraError) {
        switch item {
        case .failed(let error, _): throw .usb(error)
        case .transfer(let bytes, _):
            if (try? PTPEvent(decoding: bytes)) == nil {
                counters.garbageEvents += 1
            } else {
                counters.otherEvents += 1
            }
        }
    }

    private func decode<T>(_ data: [UInt8], _ body: ([UInt8]) throws(PTPError) -> T) throws(PTPCameraError) -> T {
        do throws(PTPError) { return try body(data) } catch {
            throw .protocolViolation(error, device: device.devicePath)
        }
    }
}

/// One downloaded object with its ObjectInfo and the verdict of `PTPDownloadCheck`.
public struct PTPDownload: Sendable {
    public var handle: UInt32
    public var info: PTPObjectInfo
    public var data: [UInt8]
    public var check: PTPDownloadCheck
}
