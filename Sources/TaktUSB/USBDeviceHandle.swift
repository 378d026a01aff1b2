import CUSB

/// An open USB device: claimed interfaces and synchronous bulk transfers. Closes (releasing claimed interfaces) in
/// `deinit`.
///
/// Not `Sendable`: one thread (the camera's driver thread) owns it. Synchronous transfers block that thread, never
/// the cooperative pool; the context's event thread completes them.
public final class USBDeviceHandle {
    let handle: OpaquePointer
    let context: USBContext
    /// The usbfs path, for error messages.
    public let path: String
    private var claimed: [Int32] = []

    init(handle: OpaquePointer, context: USBContext, path: String) {
        self.handle = handle
        self.context = context
        self.path = path
    }

    /// The corresponding C function is `libusb_claim_interface`.
    public func claimInterface(_ number: UInt8) throws(USBError) {
        let result = libusb_claim_interface(handle, Int32(number))
        guard result == 0 else { throw USBError("libusb_claim_interface", code: result, device: path) }
        claimed.append(Int32(number))
    }

    /// Writes all of `bytes` to a bulk-OUT endpoint.
    /// The corresponding C function is `libusb_bulk_transfer`.
    public func bulkWrite(_ endpoint: UInt8, _ bytes: [UInt8], timeoutMilliseconds: UInt32) throws(USBError) {
        var copy = bytes
        var transferred: Int32 = 0
        let result = copy.withUnsafeMutableBufferPointer { buffer in
            libusb_bulk_transfer(
                handle,
                endpoint,
                buffer.baseAddress,
                Int32(buffer.count),
                &transferred,
                timeoutMilliseconds
            )
        }
        guard result == 0 else { throw USBError("libusb_bulk_transfer(OUT)", code: result, device: path) }
        guard Int(transferred) == bytes.count else {
            throw USBError("libusb_bulk_transfer(OUT)", code: LIBUSB_ERROR_IO.rawValue, device: path)
        }
    }

    /// Reads one bulk-IN transfer of at most `maximumLength` bytes (a short packet ends it).
    /// The corresponding C function is `libusb_bulk_transfer`.
    public func bulkRead(_ endpoint: UInt8, maximumLength: Int, timeoutMilliseconds: UInt32) throws(USBError)
        -> [UInt8]
    {
        var buffer = [UInt8](repeating: 0, count: maximumLength)
        var transferred: Int32 = 0
        let result = buffer.withUnsafeMutableBufferPointer { b in
            libusb_bulk_transfer(handle, endpoint, b.baseAddress, Int32(b.count), &transferred, timeoutMilliseconds)
        }
        guard result == 0 else { throw USBError("libusb_bulk_transfer(IN)", code: result, device: path) }
        buffer.removeSubrange(Int(transferred)...)
        return buffer
    }

    /// The corresponding C functions are `libusb_release_interface` and `libusb_close`.
    deinit {
        for number in claimed { _ = libusb_release_interface(handle, number) }
        libusb_close(handle)
    }
}
