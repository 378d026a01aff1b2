import CUSB
import Foundation
import Synchronization

/// A libusb context plus the one thread that runs libusb's event handling for it.
///
/// Asynchronous transfers (the PTP interrupt endpoint) complete inside `libusb_handle_events_timeout_completed`,
/// which blocks, so it runs on a dedicated `Thread` and never on the Swift cooperative pool. Synchronous transfers
/// may be issued from other threads; libusb coordinates them with this loop through its event lock.
///
///     let usb = try USBContext()
///     let devices = try usb.devices()
///     let handle = try usb.open(devices[0])
///
/// `@unchecked Sendable`: the only state is the context pointer, which libusb documents as thread-safe for all
/// calls used here, and an atomic stop flag.
public final class USBContext: @unchecked Sendable {
    let context: OpaquePointer
    private let thread: EventThreadState

    /// Creates the context and starts its event thread.
    /// The corresponding C functions are `libusb_init` and `libusb_set_option(LIBUSB_OPTION_LOG_LEVEL)`.
    public init(logLevel: Int32 = 0) throws(USBError) {
        var ctx: OpaquePointer?
        let result = libusb_init(&ctx)
        guard result == 0, let ctx else { throw USBError("libusb_init", code: result, device: "-") }
        context = ctx
        _ = cusb_set_option_log_level(ctx, logLevel)
        let state = EventThreadState(context: ctx)
        thread = state
        state.running.store(true, ordering: .releasing)
        let worker = Thread {
            var tv = timeval(tv_sec: 0, tv_usec: 100_000)
            while !state.stop.load(ordering: .acquiring) {
                _ = libusb_handle_events_timeout_completed(state.context, &tv, nil)
            }
            state.running.store(false, ordering: .releasing)
        }
        worker.name = "takt.usb.events"
        worker.start()
    }

    /// Whether libusb can deliver hot-plug notifications here (udev builds can).
    /// The corresponding C function is `libusb_has_capability`.
    public var supportsHotplug: Bool { libusb_has_capability(UInt32(LIBUSB_CAP_HAS_HOTPLUG.rawValue)) != 0 }

    /// Stops the event thread and releases the context once the thread has left libusb.
    /// The corresponding C functions are `libusb_interrupt_event_handler` and `libusb_exit`.
    deinit {
        thread.stop.store(true, ordering: .releasing)
        while thread.running.load(ordering: .acquiring) {
            libusb_interrupt_event_handler(context)
            usleep(1000)
        }
        libusb_exit(context)
    }
}

/// What the event thread shares with its `USBContext`.
///
/// `@unchecked Sendable`: `context` is a libusb context, which libusb allows to be used from any thread; the flags
/// are atomics.
private final class EventThreadState: @unchecked Sendable {
    let context: OpaquePointer
    let stop = Atomic<Bool>(false)
    let running = Atomic<Bool>(false)

    init(context: OpaquePointer) { self.context = context }
}
