#!/usr/bin/python3
"""Emulated USB PTP 360° camera (Ricoh THETA Z1-like, 05ca:036d, interface 6/1/1, EPs 0x81/0x02/0x83).

Run with Debian's /usr/bin/python3 (python3-gi, gir1.2-umockdev-1.0, python3-pil). It builds a umockdev testbed
with the camera as a USB device, answers libusb's usbdevfs ioctls with a PTP device model (ptp_device.py), and runs
the host command given after `--` under umockdev's preload, so any unmodified libusb program (gphoto2, `takt probe
camera`) talks to it through the real libusb. Captures are real equirectangular JPEGs (scene.py) saved to --out-dir
so tests can compare downloads byte for byte.

Scripted faults:
  --unplug-at-capture N   the N-th InitiateCapture is never answered: the device is removed (pending URBs end with
                          ESHUTDOWN, ioctls fail with ENODEV, sysfs entry and node disappear), then after
                          --replug-after seconds it comes back at a new bus address (as a real re-plug does), with
                          its session closed and its card contents kept.
  --hang-at-capture N     the N-th InitiateCapture is answered OK but no object or event ever follows (a wedged
                          camera): hosts must time out, and their next OpenSession meets SessionAlreadyOpen.
  --busy-at-capture N     the N-th InitiateCapture is answered DeviceBusy (0x2019) and nothing is captured.
  --ignore-once OPCODE    the first such operation gets no data and no response: the host's transfer times out.
  SIGUSR1                 the same unplug/replug, on command, at any moment.
  --garbage               a junk bulk-IN transfer before every image ObjectInfo, and a junk interrupt transfer before
                          every ObjectAdded: hosts must count and skip them.

Output: JSON lines on stdout, the helper's own lines verbatim plus lines with an "emulator" or "camera" key and
"monotonicNs" (CLOCK_MONOTONIC, the clock Takt stamps with).
"""
import argparse, json, os, signal, struct, subprocess, sys, threading, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gi  # noqa: E402

gi.require_version("UMockdev", "1.0")
from gi.repository import UMockdev  # noqa: E402

import ptp_device  # noqa: E402
import scene  # noqa: E402
from usbdevfs import UsbDevfs  # noqa: E402

VID, PID = 0x05CA, 0x036D
STRINGS = {1: "Ricoh Company, Ltd.", 2: "RICOH THETA Z1", 3: "10010001"}
DESCRIPTORS = bytes.fromhex(
    "1201000200000040" + "CA056D03" + "0001" + "010203" + "01"  # device: USB 2.0, class per interface
    + "09022700010100C001"  # configuration: 39 bytes, 1 interface, self-powered
    + "090400000306010100"  # interface 0: 3 endpoints, Still Image 6/1/1
    + "07058102000200" + "07050202000200" + "07058303080009"  # bulk in 0x81, bulk out 0x02, interrupt in 0x83
)
OUT_LOCK = threading.Lock()


def emit(obj):
    obj.setdefault("monotonicNs", time.monotonic_ns())
    with OUT_LOCK:
        sys.stdout.write(json.dumps(obj) + "\n")
        sys.stdout.flush()


def device_string(port, devnum):
    syspath = "/devices/pci0000:00/0000:00:14.0/usb1/1-%d" % port
    node = "bus/usb/001/%03d" % devnum
    text = "\n".join([
        "P: " + syspath, "N: %s=%s" % (node, DESCRIPTORS.hex().upper()),
        "E: BUSNUM=001", "E: DEVNUM=%03d" % devnum, "E: DEVNAME=/dev/" + node, "E: DEVTYPE=usb_device",
        "E: DRIVER=usb", "E: ID_VENDOR_ID=%04x" % VID, "E: ID_MODEL_ID=%04x" % PID, "E: ID_USB_INTERFACES=:060101:",
        "E: MAJOR=189", "E: MINOR=%d" % (devnum - 1), "E: PRODUCT=%x/%x/100" % (VID, PID), "E: SUBSYSTEM=usb",
        "E: TYPE=0/0/0", "A: authorized=1", "A: bConfigurationValue=1", "A: bDeviceClass=00",
        "A: bDeviceProtocol=00", "A: bDeviceSubClass=00", "A: bMaxPacketSize0=64", "A: bNumConfigurations=1",
        "A: bNumInterfaces= 1", "A: bcdDevice=0100", "A: bmAttributes=c0", "A: busnum=1\\n",
        "H: descriptors=" + DESCRIPTORS.hex().upper(), "A: dev=189:%d" % (devnum - 1), "A: devnum=%d\\n" % devnum,
        "A: devpath=%d" % port, "A: idProduct=%04x" % PID, "A: idVendor=%04x" % VID,
        "A: manufacturer=" + STRINGS[1], "A: product=" + STRINGS[2], "A: serial=" + STRINGS[3], "A: speed=480",
        "A: version= 2.00", "",
    ])
    return "/sys" + syspath, "/dev/" + node, text


class Camera:
    """The PTP transport glue: reassembles bulk-OUT containers, runs operations, queues responses and events."""

    def __init__(self, args):
        self.args = args
        self.usb = None
        self.buffer = b""
        self.command = None
        self.captures_seen = 0
        self.unplug_pending = threading.Event()
        self.responder = ptp_device.PTPResponder(self.make_jpeg, args.shutter_lag, self.queue_event, emit,
                                                 width=args.width, height=args.height, battery=args.battery,
                                                 battery_drain=args.battery_drain, free_images=args.free_images,
                                                 raw_twin=args.raw_twin)

    def make_jpeg(self, number):
        data = scene.render(number, self.args.width, self.args.height, self.args.spacing)
        path = os.path.join(self.args.out_dir, "capture-%03d.jpg" % number)
        with open(path, "wb") as f:
            f.write(data)
        return data, path

    def queue_event(self, payload):
        if self.args.garbage and struct.unpack_from("<H", payload, 6)[0] == ptp_device.OBJECT_ADDED:
            self.usb.queue_interrupt(b"\x07\x00\x00\x00\x04")  # 5 bytes: no valid container
            emit({"emulator": "garbage", "endpoint": "interrupt"})
        self.usb.queue_interrupt(payload)

    def client_connected(self):
        self.buffer, self.command = b"", None

    def on_bulk_out(self, payload):
        self.buffer += payload
        while len(self.buffer) >= 12:
            length, kind, code, tid = struct.unpack_from("<IHHI", self.buffer, 0)
            if length < 12 or length > (64 << 20):
                emit({"emulator": "bad-bulk-out", "hex": self.buffer[:16].hex()})
                self.buffer = b""
                return
            if len(self.buffer) < length:
                return
            body, self.buffer = self.buffer[12:length], self.buffer[length:]
            if kind == ptp_device.CMD:
                params = list(struct.unpack("<%dI" % (len(body) // 4), body[:len(body) // 4 * 4]))
                if code == 0x1016:  # SetDevicePropValue: wait for its data phase
                    self.command = (code, tid, params)
                    continue
                self.run(code, tid, params, b"")
            elif kind == ptp_device.DATA and self.command and self.command[1] == tid:
                code, tid, params = self.command
                self.command = None
                self.run(code, tid, params, body)

    def run(self, code, tid, params, data_in):
        if code == 0x100E:
            self.captures_seen += 1
            if self.captures_seen == self.args.unplug_at_capture:
                emit({"emulator": "unplug-requested", "capture": self.captures_seen})
                self.unplug_pending.set()
                return
            if self.captures_seen == getattr(self.args, "busy_at_capture", 0):
                emit({"emulator": "busy", "capture": self.captures_seen})  # refused: DeviceBusy, nothing captured
                self.usb.queue_bulk_in(ptp_device.container(ptp_device.RESP, ptp_device.DEVICE_BUSY, tid))
                return
            if self.captures_seen == self.args.hang_at_capture:
                emit({"emulator": "hang", "capture": self.captures_seen})  # OK, but the shutter never fires
                self.usb.queue_bulk_in(ptp_device.container(ptp_device.RESP, ptp_device.OK, tid))
                return
        if self.args.ignore_once and code == int(self.args.ignore_once, 16):
            self.args.ignore_once = None
            emit({"emulator": "ignored", "code": "0x%04X" % code, "tid": tid})  # no data, no response: host times out
            return
        rc, rparams, data = self.responder.handle(code, tid, params, data_in)
        if self.args.trace:
            emit({"emulator": "op", "code": "0x%04X" % code, "tid": tid, "params": params, "rc": "0x%04X" % rc,
                  "dataBytes": None if data is None else len(data)})
        if data is not None:
            if self.args.garbage and code == 0x1008 and params and params[0] > 2:
                self.usb.queue_bulk_in(b"\xde\xad\xbe\xef" * 4)  # length field 0xEFBEADDE: garbage
                emit({"emulator": "garbage", "endpoint": "bulk-in"})
            self.usb.queue_bulk_in(ptp_device.container(ptp_device.DATA, code, tid, payload=data))
        self.usb.queue_bulk_in(ptp_device.container(ptp_device.RESP, rc, tid, rparams))


def add_supply_arguments(ap):
    """The options `Camera` reads for what the camera reports about itself (shared with triggered_rig.py)."""
    ap.add_argument("--battery", type=int, default=87, help="BatteryLevel (0x5001) percent at start")
    ap.add_argument("--battery-drain", type=float, default=0, help="percent of battery each capture uses")
    ap.add_argument("--free-images", type=int, help="FreeSpaceInImages at start (default: free bytes / 4 MB)")
    ap.add_argument("--raw-twin", action="store_true", help="RAW+JPEG mode: a DNG twin announced before each JPEG")


def main():
    if "libumockdev-preload" not in os.environ.get("LD_PRELOAD", ""):
        # testbed.uevent() resolves the device through libudev in this process, which sees the testbed's /sys only
        # under umockdev's preload; re-exec under it (fwupd's umockdev tests do the same).
        os.execvp("umockdev-wrapper", ["umockdev-wrapper", sys.executable] + sys.argv)
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out-dir", required=True, help="where the produced JPEGs are saved")
    ap.add_argument("--shutter-lag", type=float, default=0.3, help="seconds from InitiateCapture to ObjectAdded")
    ap.add_argument("--width", type=int, default=1024)
    ap.add_argument("--height", type=int, default=512)
    ap.add_argument("--spacing", type=float, default=5.0, help="metres the vehicle moves between captures")
    add_supply_arguments(ap)
    ap.add_argument("--unplug-at-capture", type=int, default=0)
    ap.add_argument("--replug-after", type=float, default=0.5)
    ap.add_argument("--hang-at-capture", type=int, default=0)
    ap.add_argument("--busy-at-capture", type=int, default=0, help="answer the N-th InitiateCapture DeviceBusy")
    ap.add_argument("--ignore-once", help="hex operation code never answered the first time it is sent")
    ap.add_argument("--garbage", action="store_true")
    ap.add_argument("--trace", action="store_true", help="log every PTP operation")
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("helper", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    helper = [a for a in args.helper if a != "--"]
    os.makedirs(args.out_dir, exist_ok=True)

    testbed = UMockdev.Testbed.new()
    camera = Camera(args)

    def plug(port, devnum):
        syspath, node, text = device_string(port, devnum)
        usb = UsbDevfs(DESCRIPTORS, STRINGS, camera, emit)
        camera.usb = usb
        # The ioctl socket first, then the node: a helper polling for devices could otherwise open the node in the
        # gap and the preload abort it ("Failed to connect to ioctl socket"), as seen once on a loaded CI host.
        testbed.attach_ioctl(node, usb)
        testbed.add_from_string(text)
        testbed.uevent(syspath, "add")  # libusb's udev monitor learns of the device only through this
        emit({"emulator": "plugged", "devnode": node, "syspath": syspath, "vid": VID, "pid": PID})
        return syspath, usb

    syspath, usb = plug(1, 11)
    signal.signal(signal.SIGUSR1, lambda *_: camera.unplug_pending.set())  # unplug (and replug) on command
    env = dict(os.environ)
    env["UMOCKDEV_DIR"] = testbed.get_root_dir()
    if "libumockdev-preload" not in env.get("LD_PRELOAD", ""):
        env["LD_PRELOAD"] = "libumockdev-preload.so.0" + (" " + env["LD_PRELOAD"] if env.get("LD_PRELOAD") else "")
    proc = subprocess.Popen(helper, stdout=subprocess.PIPE, env=env, cwd=args.out_dir)

    def pump():
        for raw in proc.stdout:
            with OUT_LOCK:
                sys.stdout.write(raw.decode("utf-8", "replace"))
                sys.stdout.flush()

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    status = "ok"
    try:
        deadline = time.monotonic() + args.timeout
        while proc.poll() is None and time.monotonic() < deadline:
            if camera.unplug_pending.wait(0.05):
                camera.unplug_pending.clear()
                usb.unplug()
                testbed.uevent(syspath, "remove")
                testbed.remove_device(syspath)
                camera.responder.forget_session()
                emit({"emulator": "unplugged", "syspath": syspath})
                time.sleep(args.replug_after)
                syspath, usb = plug(2, 12)
                emit({"emulator": "replugged", "syspath": syspath})
        if proc.poll() is None:
            status = "helper timed out"
    except Exception as exc:  # report; the test fails on the missing events
        status = "error: %r" % exc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        reader.join(2)
    emit({"emulator": "done", "status": status, "helperExit": proc.returncode,
          "captures": camera.responder.captures, "objectsLeft": sorted(h for h in camera.responder.objects if h > 2)})


if __name__ == "__main__":
    main()
