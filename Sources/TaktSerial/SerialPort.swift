import CSerialPort

/// An open serial port through libserialport: owns the `sp_port`, closes and frees it in `deinit`.
///
/// Not `Sendable`: one thread owns it (the reader or the DCD watcher each open their own handle).
final class SerialPort {
    let path: String
    private let port: OpaquePointer
    private var isOpen = false

    /// Looks the port up, opens it read/write and sets speed, 8N1 and no flow control.
    /// The corresponding C functions are `sp_get_port_by_name`, `sp_open`, `sp_set_baudrate`, `sp_set_bits`,
    /// `sp_set_parity`, `sp_set_stopbits` and `sp_set_flowcontrol`.
    init(path: String, configuration: SerialConfiguration) throws(SerialPortError) {
        self.path = path
        var found: OpaquePointer?
        let lookup = sp_get_port_by_name(path, &found)
        guard lookup == SP_OK, let found else {
            throw SerialPortError("sp_get_port_by_name", result: lookup, device: path)
        }
        port = found
        let steps: [(String, () -> sp_return)] = [
            ("sp_open", { sp_open(found, SP_MODE_READ_WRITE) }),
            ("sp_set_baudrate", { sp_set_baudrate(found, Int32(clamping: configuration.baudRate)) }),
            ("sp_set_bits", { sp_set_bits(found, 8) }),
            ("sp_set_parity", { sp_set_parity(found, SP_PARITY_NONE) }),
            ("sp_set_stopbits", { sp_set_stopbits(found, 1) }),
            ("sp_set_flowcontrol", { sp_set_flowcontrol(found, SP_FLOWCONTROL_NONE) }),
        ]
        // On a throw below, `deinit` still runs (all stored properties are set) and releases the port.
        for (index, (name, step)) in steps.enumerated() {
            let result = step()
            if result != SP_OK { throw SerialPortError(name, result: result, device: path) }
            if index == 0 { isOpen = true }
        }
    }

    /// Reads what arrives within `timeoutMilliseconds` into `buffer`; returns the byte count (0 on timeout).
    /// The corresponding C function is `sp_blocking_read`.
    func read(into buffer: UnsafeMutableRawBufferPointer, timeoutMilliseconds: Int) throws(SerialPortError) -> Int {
        let result = sp_blocking_read(port, buffer.baseAddress, buffer.count, UInt32(clamping: timeoutMilliseconds))
        if result.rawValue < 0 { throw SerialPortError("sp_blocking_read", result: result, device: path) }
        return Int(result.rawValue)
    }

    /// Writes all of `bytes` or fails after `timeoutMilliseconds`; returns the count written.
    /// The corresponding C function is `sp_blocking_write`.
    @discardableResult
    func write(_ bytes: [UInt8], timeoutMilliseconds: Int) throws(SerialPortError) -> Int {
        let result = bytes.withUnsafeBytes {
            sp_blocking_write(port, $0.baseAddress, $0.count, UInt32(clamping: timeoutMilliseconds))
        }
        if result.rawValue < 0 { throw SerialPortError("sp_blocking_write", result: result, device: path) }
        return Int(result.rawValue)
    }

    /// Whether DCD is asserted; also a liveness probe (a vanished device fails it).
    /// The corresponding C function is `sp_get_signals`.
    func carrierDetect() throws(SerialPortError) -> Bool {
        var signals = sp_signal(rawValue: 0)
        let result = sp_get_signals(port, &signals)
        if result != SP_OK { throw SerialPortError("sp_get_signals", result: result, device: path) }
        return signals.rawValue & SP_SIG_DCD.rawValue != 0
    }

    /// The OS file descriptor, for the modem-line ioctls libserialport lacks.
    /// The corresponding C function is `sp_get_port_handle`.
    func fileDescriptor() throws(SerialPortError) -> Int32 {
        var fd: Int32 = -1
        let result = sp_get_port_handle(port, &fd)
        if result != SP_OK { throw SerialPortError("sp_get_port_handle", result: result, device: path) }
        return fd
    }

    deinit {
        if isOpen { sp_close(port) }
        sp_free_port(port)
    }
}
