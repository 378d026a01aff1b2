import CGPS
import Glibc
import TaktCore

/// One open libgps session: owns the heap-allocated `gps_data_t` (24 KB in 3.22, never on the stack) and the line
/// buffer `gps_read` copies each JSON object into. Closes in `deinit`.
///
/// Not thread-safe and not `Sendable`: exactly one reader thread creates, uses and drops it.
final class GPSDSession {
    let endpoint: GPSDEndpoint
    private let data: UnsafeMutablePointer<gps_data_t>
    private let line: UnsafeMutablePointer<CChar>
    static let lineCapacity = 8192
    private var isOpen = false

    /// Connects to gpsd. The corresponding C function is `gps_open`.
    init(endpoint: GPSDEndpoint) throws(GPSDError) {
        self.endpoint = endpoint
        let raw = UnsafeMutableRawPointer.allocate(
            byteCount: MemoryLayout<gps_data_t>.size, alignment: MemoryLayout<gps_data_t>.alignment)
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: MemoryLayout<gps_data_t>.size)
        self.data = raw.bindMemory(to: gps_data_t.self, capacity: 1)
        self.line = .allocate(capacity: Self.lineCapacity)
        line.initialize(repeating: 0, count: Self.lineCapacity)
        errno = 0
        if gps_open(endpoint.host, endpoint.port, data) != 0 {
            let code = errno
            throw GPSDError(.open, code: code == 0 ? GPSDError.Code.noConnect.rawValue : code, endpoint: endpoint)
        }
        isOpen = true
    }

    /// Asks gpsd for JSON reports including PPS/TOFF (3.22 sends those only with `WATCH_PPS`), optionally for one
    /// device only. The corresponding C function is `gps_stream`.
    func watch() throws(GPSDError) {
        var flags = UInt32(WATCH_ENABLE) | UInt32(WATCH_JSON) | UInt32(WATCH_PPS)
        let status: Int32
        if let device = endpoint.device {
            flags |= UInt32(WATCH_DEVICE)
            status = device.withCString { gps_stream(data, flags, UnsafeMutableRawPointer(mutating: $0)) }
        } else {
            status = gps_stream(data, flags, nil)
        }
        if status != 0 { throw GPSDError(.stream, code: errno, endpoint: endpoint) }
    }

    /// Whether a report is buffered or arrives within `timeoutMicroseconds`. A closed socket counts as "waiting"
    /// so the following `read` sees the end. The corresponding C function is `gps_waiting`.
    func waiting(timeoutMicroseconds: Int32) -> Bool {
        gps_waiting(data, timeoutMicroseconds)
    }

    /// Parses one JSON object. Clears `set` first, because libgps 3.22 only ORs bits into it for most classes.
    /// Returns the `set` mask and the raw line, or `nil` if nothing was available.
    /// The corresponding C function is `gps_read`.
    func read() throws(GPSDError) -> (set: gps_mask_t, line: [UInt8])? {
        data.pointee.set = 0
        line[0] = 0
        errno = 0
        let n = gps_read(data, line, Int32(Self.lineCapacity))
        if n < 0 { throw GPSDError(.read, code: errno, endpoint: endpoint) }
        if n == 0 {
            // libgps returns 0 while a line is incomplete; if the daemon died mid-line that would repeat forever
            // (gps_waiting stays true on EOF), so peek at the socket: 0 bytes means the peer closed.
            var byte: UInt8 = 0
            if recv(data.pointee.gps_fd, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT)) == 0 {
                throw GPSDError(.read, code: GPSDError.Code.closedByDaemon.rawValue, endpoint: endpoint)
            }
            return nil
        }
        let length = strnlen(line, Self.lineCapacity)
        let bytes = UnsafeRawBufferPointer(start: line, count: length)
        return (data.pointee.set, Array(bytes))
    }

    /// The parsed fields of the last report.
    var current: UnsafePointer<gps_data_t> { UnsafePointer(data) }

    deinit {
        // The corresponding C function is `gps_close`.
        if isOpen { gps_close(data) }
        line.deallocate()
        UnsafeMutableRawPointer(data).deallocate()
    }
}
