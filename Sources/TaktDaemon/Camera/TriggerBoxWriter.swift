import Foundation
import TaktCore
import TaktSerial

/// Writes `T <seq>` commands to the trigger box on its own thread: `sp_blocking_write` may block for up to its
/// timeout on a stalled USB-serial link, which must never hold a thread of the cooperative pool (nor delay the next
/// trigger's deadline task). Each write's failure is reported back through `onFailure`.
///
/// `@unchecked Sendable`: the queue and flags are guarded by `condition`; the reader and callback are Sendable.
final class TriggerBoxWriter: @unchecked Sendable {
    private let reader: SerialReader
    private let onFailure: @Sendable (UInt32, SerialPortError) -> Void
    private let condition = NSCondition()
    private var queue: [UInt32] = []
    private var stopped = false
    private var started = false

    init(reader: SerialReader, onFailure: @escaping @Sendable (UInt32, SerialPortError) -> Void) {
        self.reader = reader
        self.onFailure = onFailure
    }

    func start() {
        let first = condition.withLock {
            defer { started = true }
            return !started
        }
        guard first else { return }
        let thread = Thread { [self] in run() }
        thread.name = "takt.triggerbox.write"
        thread.start()
    }

    func send(_ seq: UInt32) {
        condition.withLock {
            queue.append(seq)
            condition.broadcast()
        }
    }

    func stop() {
        condition.withLock {
            stopped = true
            condition.broadcast()
        }
    }

    private func run() {
        while true {
            let next: UInt32? = condition.withLock {
                while queue.isEmpty && !stopped { condition.wait() }
                return stopped ? nil : queue.removeFirst()
            }
            guard let seq = next else { return }
            do throws(SerialPortError) {
                // A short timeout: a write that cannot go out within 200 ms is a failed trigger, not a late one.
                try reader.write(TriggerBoxCommand.trigger(sequence: seq).encoded(), timeoutMilliseconds: 200)
            } catch {
                onFailure(seq, error)
            }
        }
    }
}
