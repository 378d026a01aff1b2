#!/usr/bin/python3
"""A camera fired by a trigger box, emulated in one umockdev testbed: the USB PTP camera of ptp_camera.py (libusb)
plus the USB-serial trigger box of hw/wiring/trigger-box.md on /dev/ttyUSB1 (libserialport), wired together, and
the box's exposure edges handed to Takt's simulated receiver (TIM-TM2) through a FIFO.

Run with Debian's /usr/bin/python3. The helper after `--` (e.g. `takt simulate --rig hw/rigs/sim-triggerbox.json5
--edge-input EDGE_FIFO`) runs under umockdev's preload in --out-dir; `BOX_DEVICE` and `EDGE_FIFO` in its arguments
are replaced by the tty node and the FIFO path.

Each `T <seq>` the host writes is one pulse: the box answers `A <seq> <tick_us>` at once, the camera exposes
--exposure-delay later (that instant, CLOCK_MONOTONIC ns as 8 bytes little-endian, goes into the edge FIFO: the strobe
on the receiver's EXTINT) and announces the image (ObjectAdded, no InitiateCapture) after --shutter-lag.

Scripted faults, each given as the ordinal of the T command it hits (repeatable):
  --refuse N        answer `E busy <seq>`, no pulse, no image, no edge
  --silent N        no answer at all, no pulse (the host's ack timeout must fire)
  --no-image N      pulse and edge, but the camera makes no image
  --drop-mark N     pulse and image, but no edge reaches the receiver (missing mark)
  --extra-mark N    an extra edge 300 ms after this pulse's (a stray strobe: an unexpected mark)
  --garbage-after N line noise after the N-th ack (as trigger_box.py --garbage-after)
  --drop-box-after N  after the N-th ack the box drops off for --drop-seconds (modem ioctls fail with EIO, as an
                    unplugged ttyUSB; what the host writes meanwhile is lost), then comes back on the same node
  --unplug-camera-after N  after the N-th pulse the camera is unplugged (as ptp_camera.py --unplug-at-capture does)
                    and comes back --replug-after seconds later at a new bus address

With --receiver the GNSS receiver is emulated too, as umockdev_stream.py does it, on /dev/ttyUSB0 in the same
testbed: `DATA_FIFO` and `PPS_FIFO` in the helper's arguments are replaced by its FIFOs (for `takt simulate
--emit-receiver DATA_FIFO --emit-pps PPS_FIFO`), so the TIM-TM2 marks reach the daemon through the tty and
libserialport, on the serial GNSS path.

Output: JSON lines: the helper's stdout verbatim plus "box"/"camera"/"emulator" lines with "monotonicNs".
"""
import argparse, fcntl, os, select, subprocess, sys, tempfile, threading, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ptp_camera  # noqa: E402
import umockdev_receiver as tty  # noqa: E402
from ptp_camera import UMockdev, emit  # noqa: E402
from usbdevfs import UsbDevfs  # noqa: E402

BOX_NODE = "/dev/ttyUSB1"
BOX_DEVICE = """P: /devices/pci0000:00/0000:00:14.0/usb1/1-3/1-3:1.0/ttyUSB1/tty/ttyUSB1
N: ttyUSB1
E: DEVNAME=/dev/ttyUSB1
E: SUBSYSTEM=tty
E: MAJOR=188
E: MINOR=1
A: dev=188:1
"""
RECEIVER_DEVICE = tty.DEVICE.replace("usb1/1-1/1-1:1.0", "usb1/1-4/1-4:1.0")  # not under the camera's 1-1


def run_receiver(lines, master, data_fd, pps_fd, stop, stats):
    """The receiver's UART, as in umockdev_stream.py: FIFO bytes into the PTY once the port is open, DCD raised at
    each PPS record's instant and dropped 100 ms later."""
    rises, pending, fall_at, forwarded = [], b"", None, False
    while not stop.is_set():
        events = [t for t in (fall_at, rises[0] / 1e9 if rises else None) if t is not None]
        wait = max(0.0, min([0.1] + [t - time.monotonic() for t in events]))
        ready = select.select([data_fd, pps_fd, master], [], [], wait)[0]
        if pps_fd in ready:
            try:
                pending += os.read(pps_fd, 64)
            except BlockingIOError:
                pass
            while len(pending) >= 8:
                rises.append(int.from_bytes(pending[:8], "little", signed=True))
                pending = pending[8:]
        while rises and time.monotonic_ns() >= rises[0]:
            rises.pop(0)
            lines.change_dcd(True)
            stats["ppsPulses"] += 1
            fall_at = time.monotonic() + 0.1
        if fall_at is not None and time.monotonic() >= fall_at:
            lines.change_dcd(False)
            fall_at = None
        if data_fd in ready:
            try:
                chunk = os.read(data_fd, 65536)
            except BlockingIOError:
                chunk = b""
            forwarded = forwarded or (bool(chunk) and lines.ioctl_seen())
            if chunk and forwarded:
                try:
                    n = os.write(master, chunk)
                except BlockingIOError:
                    n = 0
                stats["receiverBytes"] += n
                stats["receiverDropped"] += len(chunk) - n
            elif chunk:
                stats["receiverDropped"] += len(chunk)
        if master in ready:
            try:
                os.read(master, 65536)
            except OSError:
                pass


GARBAGE = [b"\x00\xffnoise\x07\n", b"A 12\n", b"A x 5\n", b"Z" * 200 + b"\n", b"A 999999 5\n"]


def main():
    if "libumockdev-preload" not in os.environ.get("LD_PRELOAD", ""):
        os.execvp("umockdev-wrapper", ["umockdev-wrapper", sys.executable] + sys.argv)  # see ptp_camera.py
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out-dir", required=True)
    ap.add_argument("--shutter-lag", type=float, default=0.3)
    ap.add_argument("--exposure-delay", type=float, default=0.002, help="seconds from pulse to exposure edge")
    ap.add_argument("--width", type=int, default=512)
    ap.add_argument("--height", type=int, default=256)
    ap.add_argument("--spacing", type=float, default=10.0)
    ptp_camera.add_supply_arguments(ap)
    for name in ("refuse", "silent", "no-image", "drop-mark", "extra-mark"):
        ap.add_argument("--" + name, type=int, action="append", default=[])
    ap.add_argument("--garbage-after", type=int, default=0)
    ap.add_argument("--drop-box-after", type=int, default=0)
    ap.add_argument("--drop-seconds", type=float, default=1.0)
    ap.add_argument("--unplug-camera-after", type=int, default=0)
    ap.add_argument("--replug-after", type=float, default=0.5)
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--receiver", action="store_true", help="emulate the GNSS receiver on /dev/ttyUSB0 as well")
    ap.add_argument("helper", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    # The camera glue reads these from its own command line.
    args.garbage, args.unplug_at_capture, args.hang_at_capture, args.ignore_once, args.trace = False, 0, 0, None, False
    os.makedirs(args.out_dir, exist_ok=True)

    work = tempfile.mkdtemp(prefix="takt-triggered-rig-")
    edge_path = os.path.join(work, "edges.fifo")
    os.mkfifo(edge_path)
    edge_fd = os.open(edge_path, os.O_RDWR | os.O_NONBLOCK)  # never blocks, whether or not the reader is there yet

    testbed = UMockdev.Testbed.new()
    camera = ptp_camera.Camera(args)
    syspath, node, text = ptp_camera.device_string(1, 11)
    camera.usb = UsbDevfs(ptp_camera.DESCRIPTORS, ptp_camera.STRINGS, camera, emit)
    testbed.attach_ioctl(node, camera.usb)
    testbed.add_from_string(text)
    testbed.uevent(syspath, "add")

    camera_at = {"syspath": syspath, "replug": None}

    def unplug_camera():
        """Pending URBs end, node and sysfs entry go, "remove" uevent; `replug_camera` brings it back later from the
        same (main) thread, at 001/012 on port 2, as ptp_camera.py does."""
        camera.usb.unplug()
        testbed.uevent(camera_at["syspath"], "remove")
        testbed.remove_device(camera_at["syspath"])
        camera.responder.forget_session()
        emit({"emulator": "unplugged", "syspath": camera_at["syspath"]})
        camera_at["replug"] = time.monotonic() + args.replug_after

    def replug_camera():
        camera_at["replug"] = None
        new_syspath, new_node, new_text = ptp_camera.device_string(2, 12)
        camera.usb = UsbDevfs(ptp_camera.DESCRIPTORS, ptp_camera.STRINGS, camera, emit)
        testbed.attach_ioctl(new_node, camera.usb)
        testbed.add_from_string(new_text)
        testbed.uevent(new_syspath, "add")
        camera_at["syspath"] = new_syspath
        emit({"emulator": "replugged", "syspath": new_syspath})

    lines = tty.ModemLines()
    testbed.attach_ioctl(BOX_NODE, lines)
    testbed.add_from_string(BOX_DEVICE)
    master = testbed.get_dev_fd(BOX_NODE)
    fcntl.fcntl(master, fcntl.F_SETFL, fcntl.fcntl(master, fcntl.F_GETFL) | os.O_NONBLOCK)
    subst = {"BOX_DEVICE": BOX_NODE, "EDGE_FIFO": edge_path}
    stop = threading.Event()
    stats = {"commands": 0, "pulses": 0, "refused": 0, "silent": 0, "images": 0, "edges": 0, "extraEdges": 0,
             "ppsPulses": 0, "receiverBytes": 0, "receiverDropped": 0}
    receiver = None
    if args.receiver:
        data_path, pps_path = os.path.join(work, "ubx.fifo"), os.path.join(work, "pps.fifo")
        os.mkfifo(data_path)
        os.mkfifo(pps_path)
        data_fd = os.open(data_path, os.O_RDONLY | os.O_NONBLOCK)
        pps_fd = os.open(pps_path, os.O_RDONLY | os.O_NONBLOCK)
        rx_lines = tty.ModemLines()
        testbed.attach_ioctl(tty.DEVNODE, rx_lines)
        testbed.add_from_string(RECEIVER_DEVICE)
        rx_master = testbed.get_dev_fd(tty.DEVNODE)
        fcntl.fcntl(rx_master, fcntl.F_SETFL, fcntl.fcntl(rx_master, fcntl.F_GETFL) | os.O_NONBLOCK)
        subst.update({"DATA_FIFO": data_path, "PPS_FIFO": pps_path})
        receiver = threading.Thread(
            target=run_receiver, args=(rx_lines, rx_master, data_fd, pps_fd, stop, stats), daemon=True)
        receiver.start()
    emit({"emulator": "plugged", "camera": node, "box": BOX_NODE, "edgeFifo": edge_path,
          "receiver": tty.DEVNODE if args.receiver else None})

    helper = [subst.get(a, a) for a in args.helper if a != "--"]
    env = dict(os.environ)
    env["UMOCKDEV_DIR"] = testbed.get_root_dir()
    proc = subprocess.Popen(helper, stdout=subprocess.PIPE, env=env, cwd=args.out_dir)

    def pump():
        for raw in proc.stdout:
            with ptp_camera.OUT_LOCK:
                sys.stdout.write(raw.decode("utf-8", "replace"))
                sys.stdout.flush()

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    start = time.monotonic_ns()

    def write_box(data):
        try:
            os.write(master, data)
        except OSError as exc:  # no process has the tty open: the line is lost, as on a real link
            emit({"box": "write-lost", "error": str(exc)})

    def edge(ns):
        os.write(edge_fd, ns.to_bytes(8, "little", signed=True))

    def drop():
        lines.remove()
        emit({"box": "dropped"})
        end = time.monotonic() + args.drop_seconds
        lost = b""
        while time.monotonic() < end:
            if select.select([master], [], [], 0.05)[0]:
                try:
                    lost += os.read(master, 4096)
                except OSError:
                    pass
        with lines.cond:
            lines.removed = False
        emit({"box": "back", "discarded": lost.decode("ascii", "replace")})

    pending, status = b"", "ok"
    deadline = time.monotonic() + args.timeout
    next_heartbeat = time.monotonic() + 1.0
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            if camera_at["replug"] is not None and time.monotonic() >= camera_at["replug"]:
                replug_camera()
            if time.monotonic() >= next_heartbeat:  # "H <tick_us>" once a second (hw/wiring/trigger-box.md)
                write_box(b"H %d\n" % ((time.monotonic_ns() - start) // 1000))
                next_heartbeat = time.monotonic() + 1.0
            if not select.select([master], [], [], 0.05)[0]:
                continue
            try:
                pending += os.read(master, 4096)
            except (BlockingIOError, OSError):  # EIO while no process has the tty open
                time.sleep(0.02)
                continue
            while b"\n" in pending:
                line, pending = pending.split(b"\n", 1)
                fields = line.strip().split()
                if len(fields) != 2 or fields[0] != b"T" or not fields[1].isdigit():
                    write_box(b"E parse\n")
                    continue
                seq = int(fields[1])
                stats["commands"] += 1
                k = stats["commands"]
                if k in args.refuse:
                    stats["refused"] += 1
                    write_box(b"E busy %d\n" % seq)
                    emit({"box": "refused", "ordinal": k, "sequence": seq})
                    continue
                if k in args.silent:
                    stats["silent"] += 1
                    emit({"box": "silent", "ordinal": k, "sequence": seq})
                    continue
                now = time.monotonic_ns()
                edge_ns = now + int(args.exposure_delay * 1e9)
                write_box(b"A %d %d\n" % (seq, (now - start) // 1000))
                stats["pulses"] += 1
                image = k not in args.no_image
                mark = k not in args.drop_mark
                if image:
                    stats["images"] += 1
                    camera.responder.trigger_input()
                if mark:
                    stats["edges"] += 1
                    edge(edge_ns)
                emit({"box": "pulse", "ordinal": k, "sequence": seq, "edgeMonotonicNs": edge_ns, "image": image,
                      "mark": mark})
                if k in args.extra_mark:
                    stats["extraEdges"] += 1
                    edge(edge_ns + 300_000_000)
                    emit({"box": "extra-edge", "ordinal": k, "edgeMonotonicNs": edge_ns + 300_000_000})
                if k == args.garbage_after:
                    for g in GARBAGE:
                        write_box(g)
                    emit({"box": "garbage", "lines": len(GARBAGE)})
                if k == args.unplug_camera_after:
                    unplug_camera()
                if k == args.drop_box_after:
                    pending = b""
                    drop()
        if proc.poll() is None:
            status = "helper timed out"
    except Exception as exc:
        status = "error: %r" % exc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        reader.join(2)
        stop.set()
        if receiver:
            receiver.join(2)
        os.close(edge_fd)
        for name in os.listdir(work):
            os.unlink(os.path.join(work, name))
        os.rmdir(work)
    stats.update({"emulator": "done", "status": status, "helperExit": proc.returncode,
                  "captures": camera.responder.captures})
    emit(stats)
    sys.exit(0 if status == "ok" and proc.returncode == 0 else 1)


if __name__ == "__main__":
    main()
