import CUSB
import Foundation
public import TaktCore

/// Keeps one asynchronous interrupt-IN transfer queued on an endpoint and collects what completes, stamped with the
/// host monotonic clock inside the completion callback (there is no kernel timestamp for USB completions).
///
/// Callbacks run on the context's event thread; `next(timeout:)` is called from the driver thread.
/// `@unchecked Sendable`: all mutable state is guarded by `condition`; the libusb transfer is touched only by
/// `start`, the callback (under libusb's event lock) and `stop` (cancel, then wait for the callback's final call).
public final class USBInterruptListener: @unchecked Sendable {
    public enum Item: Sendable {
        case transfer([UInt8], MonotonicInstant)
        /// The endpoint stopped delivering: the device is gone or the transfer failed.
        case failed(USBError, MonotonicInstant)
    }

    private let device: USBDeviceHandle
    private let endpoint: UInt8
    private let condition = NSCondition()
    private var items: [Item] = []
    private var inFlight = false
    private var stopping = false
    private let transfer: UnsafeMutablePointer<libusb_transfer>
    private let buffer: UnsafeMutablePointer<UInt8>
    private let length: Int32

    /// Allocates the transfer; nothing is submitted until `start()`.
    /// The corresponding C function is `libusb_alloc_transfer`.
    public init(device: USBDeviceHandle, endpoint: UInt8, maximumLength: Int = 64) throws(USBError) {
        guard let transfer = libusb_alloc_transfer(0) else {
            throw USBError("libusb_alloc_transfer", code: LIBUSB_ERROR_NO_MEM.rawValue, device: device.path)
        }
        self.device = device
        self.endpoint = endpoint
        self.transfer = transfer
        self.length = Int32(maximumLength)
        self.buffer = .allocate(capacity: maximumLength)
    }

    /// Submits the transfer; it is resubmitted after every completion until `stop()` or a failure.
    /// The corresponding C functions are `libusb_fill_interrupt_transfer` and `libusb_submit_transfer`.
    public func start() throws(USBError) {
        condition.lock()
        defer { condition.unlock() }
        try submitLocked()
    }

    private func submitLocked() throws(USBError) {
        libusb_fill_interrupt_transfer(
            transfer,
            device.handle,
            endpoint,
            buffer,
            length,
            interruptCallback,
            Unmanaged.passUnretained(self).toOpaque(),
            0
        )
        let result = libusb_submit_transfer(transfer)
        guard result == 0 else { throw USBError("libusb_submit_transfer", code: result, device: device.path) }
        inFlight = true
    }

    fileprivate func completed() {
        let at = MonotonicInstant.now()
        condition.lock()
        defer {
            condition.broadcast()
            condition.unlock()
        }
        inFlight = false
        let status = transfer.pointee.status
        if status == LIBUSB_TRANSFER_COMPLETED {
            items.append(
                .transfer(Array(UnsafeBufferPointer(start: buffer, count: Int(transfer.pointee.actual_length))), at)
            )
        } else if !(stopping && status == LIBUSB_TRANSFER_CANCELLED) {
            items.append(.failed(USBError("interrupt transfer", transferStatus: status, device: device.path), at))
            return
        }
        guard !stopping else { return }
        do throws(USBError) { try submitLocked() } catch { items.append(.failed(error, at)) }
    }

    /// The next completed transfer or failure, waiting up to `timeout`; `nil` when nothing arrived.
    public func next(timeout: Duration) -> Item? {
        let deadline = Date(
            timeIntervalSinceNow: Double(timeout.components.seconds)
                + Double(timeout.components.attoseconds) / 1e18
        )
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty {
            if !condition.wait(until: deadline) { break }
        }
        return items.isEmpty ? nil : items.removeFirst()
    }

    /// Cancels the transfer and waits (bounded) for libusb to hand it back.
    /// The corresponding C function is `libusb_cancel_transfer`.
    public func stop() {
        condition.lock()
        stopping = true
        if inFlight { _ = libusb_cancel_transfer(transfer) }
        let deadline = Date(timeIntervalSinceNow: 2)
        while inFlight, condition.wait(until: deadline) {}
        condition.unlock()
    }

    /// The corresponding C function is `libusb_free_transfer`.
    deinit {
        stop()
        if !inFlight {
            libusb_free_transfer(transfer)
            buffer.deallocate()
        }  // else: libusb still owns it (device wedged); leaking is safer than freeing memory it may write
    }
}

private func interruptCallback(_ transfer: UnsafeMutablePointer<libusb_transfer>?) {
    guard let raw = transfer?.pointee.user_data else { return }
    // No retain/release here: if this callback took the last reference, the listener (and with it the device
    // handle) would be deinitialised on the event thread inside libusb's event handling, where libusb_close
    // deadlocks on the event lock this thread holds.
    Unmanaged<USBInterruptListener>.fromOpaque(raw)._withUnsafeGuaranteedRef { $0.completed() }
}
