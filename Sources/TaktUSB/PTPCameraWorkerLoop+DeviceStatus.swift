import TaktCore

extension PTPCameraWorkerLoop {
    /// Reads battery (BatteryLevel 0x5001, when DeviceInfo lists it) and every store's StorageInfo when
    /// `deviceRefresh` says so, on the camera thread between captures, and emits `.deviceStatus`. A camera that
    /// refuses one of the reads (a PTP response error) just leaves that value out; a transport failure is thrown
    /// like any other, so the link's recovery handles it.
    func refreshDeviceStatus(_ camera: PTPCamera, _ worker: PTPCameraWorker) throws(PTPCameraError) {
        guard deviceRefresh.due(at: .now()) else { return }
        var battery: Int64?
        var storage: [PTPStorageInfo] = []
        do throws(PTPCameraError) {
            if try camera.deviceInfo().deviceProperties.contains(PTPPropertyCode.batteryLevel.rawValue) {
                battery = try camera.batteryLevel()
            }
        } catch {
            guard Self.isRefusal(error) else { throw error }
        }
        do throws(PTPCameraError) {
            for id in try camera.storageIDs() { storage.append(try camera.storageInfo(id)) }
        } catch {
            guard Self.isRefusal(error) else { throw error }
        }
        worker.emit(.deviceStatus(CameraDeviceReading(battery: battery, storage: storage), at: .now()))
    }

    /// The camera answered but said no (or answered nonsense): not a reason to drop the link.
    static func isRefusal(_ error: PTPCameraError) -> Bool {
        switch error {
        case .response, .protocolViolation: true
        default: false
        }
    }
}
