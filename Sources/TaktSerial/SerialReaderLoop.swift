import TaktCore

/// The body of `SerialReader`'s thread: open, read until failure, back off, reopen, until stopped.
struct SerialReaderLoop: Sendable {
    let reader: SerialReader

    func run() {
        let control = reader.threadControl
        let continuation = reader.streamContinuation
        var backoff = reader.reconnectBackoff
        var inOutage = false
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 4096, alignment: 1)
        defer { buffer.deallocate() }
        while !control.stopped {
            do throws(SerialPortError) {
                let port = try SerialPort(path: reader.path, configuration: reader.configuration)
                reader.publish(port)
                defer { reader.publish(nil) }
                backoff.reset()
                inOutage = false
                control.yield(.opened(path: reader.path, at: .now()), to: continuation)
                while !control.stopped {
                    let n = try port.read(
                        into: buffer, timeoutMilliseconds: reader.configuration.readTimeoutMilliseconds)
                    if n > 0 {
                        let at = MonotonicInstant.now()
                        control.yield(.bytes(Array(buffer[0..<n]), receivedAt: at), to: continuation)
                    } else {
                        // Idle: a hung-up or removed tty can look idle, so probe the modem lines.
                        _ = try port.carrierDetect()
                    }
                }
            } catch {
                if !inOutage {
                    control.yield(.failed(error, at: .now()), to: continuation)
                    inOutage = true
                }
                control.pause(backoff.nextDelay())
            }
        }
        continuation.finish()
    }
}
