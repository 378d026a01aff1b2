import CUSB
import Foundation

/// Wakes a waiting thread when libusb reports a device arriving or leaving, so re-discovery after a re-plug
/// starts at once instead of at the next poll. Where libusb has no hot-plug support (non-udev builds, or
/// `LIBUSB_OPTION_NO_DEVICE_DISCOVERY`) `init` returns nil and callers poll.
///
/// The callback runs on the context's event thread and only counts and signals (libusb forbids synchronous calls
/// there). `@unchecked Sendable`: the counters are guarded by `condition`; the registration handle is written once
/// in `init` and read in `deinit`.
public final class USBHotplugMonitor: @unchecked Sendable {
    private let context: USBContext
    private let condition = NSCondition()
    private var changes = 0
    private var handle: libusb_hotplug_callback_handle = 0
    private var arrivalCount = 0
    private var departureCount = 0

    /// Arrivals seen since creation.
    public var arrivals: Int { condition.withLock { arrivalCount } }
    /// Departures seen since creation.
    public var departures: Int { condition.withLock { departureCount } }

    /// Registers for arrivals and departures of any device.
    /// The corresponding C functions are `libusb_has_capability` and `libusb_hotplug_register_callback`.
    public init?(context: USBContext) {
        guard context.supportsHotplug else { return nil }
        self.context = context
        let events = Int32(LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED.rawValue | LIBUSB_HOTPLUG_EVENT_DEVICE_LEFT.rawValue)
        let result = libusb_hotplug_register_callback(
            context.context,
            events,
            0,
            LIBUSB_HOTPLUG_MATCH_ANY,
            LIBUSB_HOTPLUG_MATCH_ANY,
            LIBUSB_HOTPLUG_MATCH_ANY,
            hotplugCallback,
            Unmanaged.passUnretained(self).toOpaque(),
            &handle
        )
        guard result == 0 else { return nil }
    }

    fileprivate func record(_ event: libusb_hotplug_event) {
        condition.lock()
        changes += 1
        if event == LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED { arrivalCount += 1 } else { departureCount += 1 }
        condition.broadcast()
        condition.unlock()
    }

    /// Blocks until a device arrived or left since the last call, or `timeout` passed. True if something changed.
    public func waitForChange(timeout: Duration) -> Bool {
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        let deadline = Date(timeIntervalSinceNow: seconds)
        condition.lock()
        defer { condition.unlock() }
        while changes == 0, condition.wait(until: deadline) {}
        let changed = changes > 0
        changes = 0
        return changed
    }

    /// The corresponding C function is `libusb_hotplug_deregister_callback`.
    deinit { libusb_hotplug_deregister_callback(context.context, handle) }
}

private func hotplugCallback(
    _ context: OpaquePointer?,
    _ device: OpaquePointer?,
    _ event: libusb_hotplug_event,
    _ userData: UnsafeMutableRawPointer?
) -> Int32 {
    guard let userData else { return 0 }
    Unmanaged<USBHotplugMonitor>.fromOpaque(userData)._withUnsafeGuaranteedRef { $0.record(event) }  // see interruptCallback
    return 0  // stay armed
}
