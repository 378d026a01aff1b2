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
    for name in ("refuse", "silent", "no-image", "drop-mark", "extra-mark"):
        ap.add_argument("--" + name, type=int, action="append", default=[])
    ap.add_argument("--garbage-after", type=int, default=0)
    ap.add_argument("--drop-box-after", type=int, default=0)
    ap.add_argument("--drop-seconds", type=float, default=1.0)
    ap.add_argument("--timeout", type=float, default=120.0)
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
    testbed.add_from_string(text)
    testbed.attach_ioctl(node, camera.usb)
    testbed.uevent(syspath, "add")
    lines = tty.ModemLines()
    testbed.add_from_string(BOX_DEVICE)
    testbed.attach_ioctl(BOX_NODE, lines)
    master = testbed.get_dev_fd(BOX_NODE)
    fcntl.fcntl(master, fcntl.F_SETFL, fcntl.fcntl(master, fcntl.F_GETFL) | os.O_NONBLOCK)
    emit({"emulator": "plugged", "camera": node, "box": BOX_NODE, "edgeFifo": edge_path})

    subst = {"BOX_DEVICE": BOX_NODE, "EDGE_FIFO": edge_path}
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

    stats = {"commands": 0, "pulses": 0, "refused": 0, "silent": 0, "images": 0, "edges": 0, "extraEdges": 0}
    pending, status = b"", "ok"
    deadline = time.monotonic() + args.timeout
    try:
        while proc.poll() is None and time.monotonic() < deadline:
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
        os.close(edge_fd)
        os.unlink(edge_path)
        os.rmdir(work)
    stats.update({"emulator": "done", "status": status, "helperExit": proc.returncode,
                  "captures": camera.responder.captures})
    emit(stats)
    sys.exit(0 if status == "ok" and proc.returncode == 0 else 1)


if __name__ == "__main__":
    main()
