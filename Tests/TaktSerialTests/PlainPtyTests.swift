import Glibc
import TaktCore
import Testing

@testable import TaktSerial

/// Why the serial tests need umockdev: libserialport 0.1.1 rejects a plain pseudo-terminal. The lookup
/// (`sp_get_port_by_name`) needs /sys/class/tty/<name>, which /dev/pts/N lacks, and even past it `sp_open` issues
/// TIOCMGET, which Linux ptys refuse with ENOTTY. This runs in-process, no preload.
@Suite struct PlainPtyTests {
    /// Opens a pty pair through /dev/ptmx (unlock, then ask for the slave number); returns master fd and slave path.
    static func openPty() throws -> (Int32, String) {
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        guard master >= 0 else { throw PtyError(errno: errno) }
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard ioctl(master, Self.tiocsptlck, &unlock) == 0, ioctl(master, Self.tiocgptn, &number) == 0 else {
            let e = errno
            close(master)
            throw PtyError(errno: e)
        }
        return (master, "/dev/pts/\(number)")
    }

    /// `_IOW('T', 0x31, int)` and `_IOR('T', 0x30, unsigned int)`: function-like macros Swift does not import.
    static let tiocsptlck: UInt = 0x4004_5431
    static let tiocgptn: UInt = 0x8004_5430

    struct PtyError: Error { var errno: Int32 }

    @Test func libserialportRejectsAPlainPty() async throws {
        let (master, path) = try Self.openPty()
        defer { close(master) }
        #expect(access("/sys/class/tty/" + path.dropFirst("/dev/".count), F_OK) != 0)

        // The raw reason sp_open would fail even with a sysfs entry: TIOCMGET on a pty is ENOTTY.
        let slave = open(path, O_RDWR | O_NOCTTY)
        try #require(slave >= 0)
        defer { close(slave) }
        var bits: Int32 = 0
        #expect(ioctl(slave, UInt(TIOCMGET), &bits) == -1 && errno == ENOTTY)

        let reader = SerialReader(path: path, backoff: ReconnectBackoff(initialDelay: .milliseconds(10)))
        reader.start()
        var iterator = reader.events.makeAsyncIterator()
        let first = await iterator.next()
        reader.shutdown()
        while await iterator.next() != nil {}
        guard case .failed(let error, _) = first else {
            Issue.record("expected the lookup to fail, got \(String(describing: first))")
            return
        }
        #expect(error.function == "sp_get_port_by_name")
        #expect(error.code == .invalidArgument)
        #expect(error.device == path)
    }
}
