#!/usr/bin/python3
"""Emulated GNSS receiver tty for Takt's serial adapter tests (see hw/emulation/README.md).

Run with Debian's /usr/bin/python3 (it has python3-gi and gir1.2-umockdev-1.0). It builds a umockdev testbed with
one USB-serial tty, /dev/ttyUSB0, answers the modem-line ioctls libserialport 0.1.1 and Takt's DCD watcher need
(TIOCMGET, TIOCMSET/BIS/BIC, TIOCMIWAIT, TIOCGICOUNT), and runs the helper command given after `--` under
umockdev's preload so the helper sees the emulated device. Everything else (termios, read, write) falls through to
the PTY that backs the node, so bytes travel through a real tty line discipline.

Script: wait for the helper to open the port twice (bytes + DCD); if --expect-hex is given, read that many bytes the
helper writes from the PTY master and report them; write the payload into the PTY master and wait until the helper
reports all of it; pulse DCD --pulses times (each a rising then falling edge, released only while the helper is
blocked in TIOCMIWAIT, so no edge can be missed); remove the device (sysfs entry and node gone, modem ioctls fail
with EIO like an unplugged ttyUSB) and wait for the helper to report the failure. With --replug, plug the device
back in, wait for the helper to reopen it, exchange bytes again and remove it again. Then wait for the helper to
exit (it is expected to stop by itself, e.g. `takt probe serial --exit-after-failures N`).

Output, one JSON object per line on stdout: the helper's own lines verbatim, plus lines with a "harness" key.
"""
import argparse, json, os, queue, select, struct, subprocess, sys, threading, time

import gi
gi.require_version("UMockdev", "1.0")
from gi.repository import UMockdev  # noqa: E402

TIOCMGET, TIOCMBIS, TIOCMBIC, TIOCMSET = 0x5415, 0x5416, 0x5417, 0x5418
TIOCMIWAIT, TIOCGICOUNT = 0x545C, 0x545D
TIOCM_DSR, TIOCM_CTS, TIOCM_CD = 0x100, 0x020, 0x040
EIO = 5
DEVNODE = "/dev/ttyUSB0"
SYSPATH = "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-1/1-1:1.0/ttyUSB0/tty/ttyUSB0"
DEVICE = """P: /devices/pci0000:00/0000:00:14.0/usb1/1-1/1-1:1.0/ttyUSB0/tty/ttyUSB0
N: ttyUSB0
E: DEVNAME=/dev/ttyUSB0
E: SUBSYSTEM=tty
E: MAJOR=188
E: MINOR=0
A: dev=188:0
"""


def emit(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


class ModemLines(UMockdev.IoctlBase):
    """The emulated UART's modem-control state, shared by every client (open fd) of the node."""

    def __init__(self):
        super().__init__()
        self.cond = threading.Condition()
        self.dcd = False
        self.dcd_transitions = 0
        self.waiters = []  # IoctlClients blocked in TIOCMIWAIT
        self.removed = False
        self.eio_answers = 0  # modem ioctls refused while removed: each is one open/probe attempt by the helper
        self.ioctls = 0  # every ioctl the handler saw (termios ones included)

    def do_handle_ioctl(self, client):
        request = client.get_request()
        with self.cond:
            self.ioctls += 1
            if request in (TIOCMGET, TIOCMIWAIT, TIOCGICOUNT, TIOCMSET, TIOCMBIS, TIOCMBIC) and self.removed:
                self.eio_answers += 1
                self.cond.notify_all()
                client.complete(-1, EIO)
                return True
            if request == TIOCMGET:
                bits = TIOCM_DSR | TIOCM_CTS | (TIOCM_CD if self.dcd else 0)
                arg = client.get_arg().resolve(0, 4)
                arg.update(0, list(struct.pack("i", bits)))
                client.complete(0, 0)
                return True
            if request == TIOCGICOUNT:
                counts = [0] * 20  # struct serial_icounter_struct: cts, dsr, rng, dcd, rx, tx, ...
                counts[3] = self.dcd_transitions
                arg = client.get_arg().resolve(0, 80)
                arg.update(0, list(struct.pack("20i", *counts)))
                client.complete(0, 0)
                return True
            if request in (TIOCMSET, TIOCMBIS, TIOCMBIC):
                client.complete(0, 0)
                return True
            if request == TIOCMIWAIT:
                self.waiters.append(client)  # completed by set_dcd() or remove()
                self.cond.notify_all()
                return True
        return False  # termios and the rest: the backing PTY answers

    def set_dcd(self, level, timeout):
        """Waits until a client is blocked in TIOCMIWAIT, then changes DCD and releases the waiters."""
        with self.cond:
            if not self.cond.wait_for(lambda: self.waiters, timeout):
                raise TimeoutError("no TIOCMIWAIT pending")
        self.change_dcd(level)

    def change_dcd(self, level):
        """Changes DCD now, as a free-running receiver does; returns how many TIOCMIWAIT waiters it released (0 means
        the edge is only visible in the TIOCGICOUNT count, as a missed transition)."""
        with self.cond:
            self.dcd = level
            self.dcd_transitions += 1
            waiters, self.waiters = self.waiters, []
        for client in waiters:
            client.complete(0, 0)
        return len(waiters)

    def ioctl_seen(self):
        """Whether any client has issued a modem ioctl yet (sp_open does: the port is open)."""
        with self.cond:
            return self.ioctls > 0

    def wait_eio_answers(self, count, timeout):
        with self.cond:
            if not self.cond.wait_for(lambda: self.eio_answers >= count, timeout):
                raise TimeoutError("helper did not retry")

    def remove(self):
        with self.cond:
            self.removed = True
            waiters, self.waiters = self.waiters, []
        for client in waiters:
            client.complete(-1, EIO)


def pump(stream, lines):
    for raw in stream:
        line = raw.decode("utf-8", "replace").rstrip("\n")
        sys.stdout.write(line + "\n")
        sys.stdout.flush()
        try:
            lines.put(json.loads(line))
        except ValueError:
            lines.put({"unparsed": line})
    lines.put(None)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pulses", type=int, default=5)
    ap.add_argument("--payload-hex", required=True)
    ap.add_argument("--expect-hex", default="", help="bytes the helper writes after each open")
    ap.add_argument("--replug", action="store_true", help="re-add the device after the first removal")
    ap.add_argument("--timeout", type=float, default=60.0, help="safety limit per step, seconds")
    ap.add_argument("helper", nargs=argparse.REMAINDER, help="-- command [args]; DEVICE is replaced by the node")
    args = ap.parse_args()
    helper = [a for a in args.helper if a != "--"]
    helper = [DEVNODE if a == "DEVICE" else a for a in helper]
    payload = bytes.fromhex(args.payload_hex)

    testbed = UMockdev.Testbed.new()
    lines_handler = ModemLines()

    def plug():
        testbed.attach_ioctl(DEVNODE, lines_handler)
        testbed.add_from_string(DEVICE)
        fd = testbed.get_dev_fd(DEVNODE)
        emit({"harness": "plugged", "root": testbed.get_root_dir(), "devnode": DEVNODE, "ptyMaster": fd})
        return fd

    master = plug()
    env = dict(os.environ)
    env["UMOCKDEV_DIR"] = testbed.get_root_dir()
    env["LD_PRELOAD"] = "libumockdev-preload.so.0" + (" " + env["LD_PRELOAD"] if env.get("LD_PRELOAD") else "")
    proc = subprocess.Popen(helper, stdout=subprocess.PIPE, env=env)
    lines = queue.Queue()
    threading.Thread(target=pump, args=(proc.stdout, lines), daemon=True).start()

    def wait_for(pred, what):
        deadline = time.monotonic() + args.timeout
        while time.monotonic() < deadline:
            try:
                item = lines.get(timeout=0.2)
            except queue.Empty:
                continue
            if item is None:
                raise RuntimeError("helper exited while waiting for " + what)
            if pred(item):
                return item
        raise TimeoutError("timed out waiting for " + what)

    expected = bytes.fromhex(args.expect_hex)

    def read_master(fd, count):
        got = b""
        deadline = time.monotonic() + args.timeout
        while len(got) < count and time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.2)
            if ready:
                got += os.read(fd, count - len(got))
        return got

    def session(fd, pulses, final):
        opened = set()
        while opened != {"serial", "dcd"}:
            opened.add(wait_for(lambda e: e.get("event") == "opened", "both opens")["source"])
        if expected:
            emit({"harness": "received", "hex": read_master(fd, len(expected)).hex()})
        os.write(fd, payload)
        emit({"harness": "sent", "hex": payload.hex(), "count": len(payload)})
        received = 0
        while received < len(payload):
            received += wait_for(lambda e: e.get("event") == "bytes", "payload bytes")["count"]
        for _ in range(pulses):
            lines_handler.set_dcd(True, args.timeout)
            wait_for(lambda e: e.get("event") == "dcd", "rising edge")
            lines_handler.set_dcd(False, args.timeout)
            wait_for(lambda e: e.get("event") == "dcd", "falling edge")
        emit({"harness": "pulsed", "pulses": pulses, "transitions": lines_handler.dcd_transitions})
        lines_handler.remove()
        if final:
            testbed.remove_device(SYSPATH)
            emit({"harness": "removed", "syspath": SYSPATH})
        else:
            emit({"harness": "dropped"})
        wait_for(lambda e: e.get("event") == "failed" and e.get("source") == "serial", "serial failure")

    def replug():
        # umockdev 0.17 cannot re-create the node of a removed device in the same testbed (it asserts), so a
        # replug is a drop-out at the same node: modem ioctls fail with EIO (as for an unplugged ttyUSB) until the
        # helper has retried twice, then the device answers again.
        lines_handler.wait_eio_answers(lines_handler.eio_answers + 2, args.timeout)
        with lines_handler.cond:
            lines_handler.removed = False
            lines_handler.dcd = False
        emit({"harness": "replugged", "refusedAttempts": lines_handler.eio_answers})

    status = "ok"
    try:
        if args.replug:
            session(master, args.pulses, final=False)
            replug()
            session(master, 1, final=True)
        else:
            session(master, args.pulses, final=True)
        proc.wait(timeout=args.timeout)
    except Exception as exc:  # report, then clean up; the Swift test fails on the missing events
        status = "error: %s" % exc
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    emit({"harness": "done", "status": status, "helperExit": proc.returncode})


if __name__ == "__main__":
    main()
