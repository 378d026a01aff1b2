#!/usr/bin/python3
"""A free-running emulated GNSS receiver on a umockdev tty, for the emulated rig (see hw/README-emulation.md).

Run with Debian's /usr/bin/python3 (python3-gi, gir1.2-umockdev-1.0). Where umockdev_receiver.py plays a fixed test
script, this keeps /dev/ttyUSB0 plugged for the whole run of the helper command given after `--` (run under
umockdev's preload, e.g. `takt simulate --rig hw/rigs/emulated.json5 --emit-receiver DATA_FIFO --emit-pps PPS_FIFO`)
and acts as the receiver's UART:

- DATA_FIFO: every byte the producer writes is copied into the PTY master behind the node as it arrives, so the
  helper reads it through the tty line discipline and libserialport. Bytes that arrive before the port is open, or
  that the PTY cannot take (the reader stalled), are dropped and counted, as a receiver's UART would lose them.
- PPS_FIFO: each 8-byte record (the edge's true CLOCK_MONOTONIC ns, little-endian) is one PPS pulse, announced
  ahead of time. DCD rises at that instant on this process's clock (at once if the record came late), releasing any
  TIOCMIWAIT waiter, and falls --pulse-width-ms later. The edge is not synchronised with the waiter: an edge with no waiter is only visible in
  the TIOCGICOUNT count, exactly as on a real port.

The producer (Takt's simulator) times both from its truth; this process adds its own latency (FIFO wake-up, Python,
the umockdev ioctl socket): a few tens to hundreds of µs with occasional ms outliers on a loaded host, i.e. a
USB-DCD-class PPS. `DEVICE`, `DATA_FIFO` and `PPS_FIFO` in the helper's arguments are replaced by the node and the
FIFO paths. The helper inherits stdout/stderr; this script prints JSON lines with a "harness" key, the last one a
summary. SIGINT/SIGTERM are passed on to the helper, which is waited for (SIGKILL after --grace seconds).
"""
import argparse, errno, fcntl, json, os, select, signal, struct, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from umockdev_receiver import DEVICE, DEVNODE, ModemLines, UMockdev, emit  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pulse-width-ms", type=float, default=100.0)
    ap.add_argument("--timeout", type=float, default=3600.0, help="stop the helper after this many seconds")
    ap.add_argument("--pulse-log", help="write one JSON line per PPS edge: the producer's true instant and when DCD "
                    "rose (CLOCK_MONOTONIC ns)")
    ap.add_argument("--grace", type=float, default=15.0, help="seconds between SIGTERM and SIGKILL at the end")
    ap.add_argument("helper", nargs=argparse.REMAINDER, help="-- command [args]")
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="takt-emulated-receiver-")
    data_path, pps_path = os.path.join(work, "ubx.fifo"), os.path.join(work, "pps.fifo")
    os.mkfifo(data_path)
    os.mkfifo(pps_path)
    # Read ends first, non-blocking, so the producer's non-blocking open for writing succeeds.
    data_fd = os.open(data_path, os.O_RDONLY | os.O_NONBLOCK)
    pps_fd = os.open(pps_path, os.O_RDONLY | os.O_NONBLOCK)
    subst = {"DEVICE": DEVNODE, "DATA_FIFO": data_path, "PPS_FIFO": pps_path}
    helper = [subst.get(a, a) for a in args.helper if a != "--"]

    testbed = UMockdev.Testbed.new()
    lines = ModemLines()
    testbed.attach_ioctl(DEVNODE, lines)
    testbed.add_from_string(DEVICE)
    master = testbed.get_dev_fd(DEVNODE)
    fcntl.fcntl(master, fcntl.F_SETFL, fcntl.fcntl(master, fcntl.F_GETFL) | os.O_NONBLOCK)
    emit({"harness": "plugged", "root": testbed.get_root_dir(), "devnode": DEVNODE, "dataFifo": data_path,
          "ppsFifo": pps_path})

    env = dict(os.environ)
    env["UMOCKDEV_DIR"] = testbed.get_root_dir()
    env["LD_PRELOAD"] = "libumockdev-preload.so.0" + (" " + env["LD_PRELOAD"] if env.get("LD_PRELOAD") else "")
    proc = subprocess.Popen(helper, env=env)

    stop = {"signal": None}

    def on_signal(signum, _frame):
        stop["signal"] = signum

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    stats = {"bytesIn": 0, "bytesToTty": 0, "droppedBeforeOpen": 0, "droppedFull": 0, "bytesFromTty": 0,
             "pulses": 0, "edgesWithWaiter": 0, "edgesWithoutWaiter": 0}
    fall_at = None
    pending = b""
    rises = []  # true instants (CLOCK_MONOTONIC ns) at which DCD is to rise
    pulse_log = open(args.pulse_log, "w") if args.pulse_log else None
    deadline = time.monotonic() + args.timeout
    forwarded = False
    try:
        while proc.poll() is None:
            if stop["signal"] is not None or time.monotonic() > deadline:
                break
            events = [t for t in (fall_at, rises[0] / 1e9 if rises else None) if t is not None]
            wait = max(0.0, min([0.1] + [t - time.monotonic() for t in events]))
            try:
                ready, _, _ = select.select([data_fd, pps_fd, master], [], [], wait)
            except InterruptedError:
                continue
            if pps_fd in ready:
                pending += os.read(pps_fd, 64)
                while len(pending) >= 8:
                    (true_ns,), pending = struct.unpack("<q", pending[:8]), pending[8:]
                    rises.append(true_ns)
            while rises and time.monotonic_ns() >= rises[0]:
                true_ns = rises.pop(0)
                raised_ns = time.monotonic_ns()
                released = lines.change_dcd(True)
                stats["pulses"] += 1
                stats["edgesWithWaiter" if released else "edgesWithoutWaiter"] += 1
                if pulse_log:
                    pulse_log.write(json.dumps({"trueNs": true_ns, "dcdNs": raised_ns, "waiters": released}) + "\n")
                    pulse_log.flush()
                fall_at = time.monotonic() + args.pulse_width_ms / 1000.0
            if fall_at is not None and time.monotonic() >= fall_at:
                lines.change_dcd(False)
                fall_at = None
            if data_fd in ready:
                try:
                    chunk = os.read(data_fd, 65536)
                except BlockingIOError:
                    chunk = b""
                stats["bytesIn"] += len(chunk)
                if chunk and not forwarded:
                    forwarded = lines.ioctl_seen()  # sp_open's ioctls: the port is open and configured
                    if forwarded:
                        emit({"harness": "port-open", "droppedBeforeOpen": stats["droppedBeforeOpen"]})
                if chunk and forwarded:
                    try:
                        n = os.write(master, chunk)
                    except BlockingIOError:
                        n = 0
                    stats["bytesToTty"] += n
                    stats["droppedFull"] += len(chunk) - n
                elif chunk:
                    stats["droppedBeforeOpen"] += len(chunk)
            if master in ready:
                try:
                    stats["bytesFromTty"] += len(os.read(master, 65536))  # what the helper wrote (or echoed)
                except OSError as exc:
                    if exc.errno not in (errno.EAGAIN, errno.EIO):
                        raise
    finally:
        if proc.poll() is None:
            proc.send_signal(stop["signal"] or signal.SIGTERM)
            try:
                proc.wait(timeout=args.grace)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if pulse_log:
            pulse_log.close()
        for fd in (data_fd, pps_fd):
            os.close(fd)
        for p in (data_path, pps_path):
            os.unlink(p)
        os.rmdir(work)
    stats.update({"harness": "done", "helperExit": proc.returncode, "dcdTransitions": lines.dcd_transitions})
    emit(stats)
    sys.exit(0 if proc.returncode == 0 else 1)


if __name__ == "__main__":
    main()
