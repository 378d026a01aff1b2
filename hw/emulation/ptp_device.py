"""Device side of PTP (ISO 15740) for Takt's emulated 360° camera: datasets, object store and operations.

Pure Python (no umockdev): `PTPResponder.handle(command_container, data_phase)` returns the containers the device
sends back on bulk-IN; captures are announced through a callback that queues interrupt events. Written from the
public ISO 15740 / Ricoh THETA USB API descriptions (hw/shared reference protocols.md §4.1, §5.2).
"""
import struct
import threading

CMD, DATA, RESP, EVENT = 1, 2, 3, 4
OK, GENERAL_ERROR, SESSION_NOT_OPEN, OP_NOT_SUPPORTED = 0x2001, 0x2002, 0x2003, 0x2005
INVALID_STORAGE_ID, INVALID_OBJECT_HANDLE, DEVICE_PROP_NOT_SUPPORTED = 0x2008, 0x2009, 0x200A
INVALID_PARAMETER, SESSION_ALREADY_OPEN, DEVICE_BUSY = 0x201D, 0x201E, 0x2019
OBJECT_ADDED, CAPTURE_COMPLETE = 0x4002, 0x400D
FMT_ASSOCIATION, FMT_JPEG = 0x3001, 0x3801
STORAGE_ID = 0x00010001

OPERATIONS = [0x1001, 0x1002, 0x1003, 0x1004, 0x1005, 0x1006, 0x1007, 0x1008, 0x1009, 0x100B, 0x100E,
              0x1014, 0x1015, 0x1016, 0x101B]
EVENTS = [OBJECT_ADDED, 0x4006, 0x400A, 0x400C, CAPTURE_COMPLETE]
UINT8, UINT16, INT16, UINT32, STR = 0x0002, 0x0004, 0x0003, 0x0006, 0xFFFF


def container(kind, code, tid, params=(), payload=b""):
    body = payload if kind == DATA else b"".join(struct.pack("<I", p & 0xFFFFFFFF) for p in params)
    return struct.pack("<IHHI", 12 + len(body), kind, code, tid) + body


def ptp_string(text):
    if not text:
        return b"\x00"
    units = text.encode("utf-16-le") + b"\x00\x00"
    return bytes([len(units) // 2]) + units


def u16_array(values):
    return struct.pack("<I", len(values)) + b"".join(struct.pack("<H", v) for v in values)


def u32_array(values):
    return struct.pack("<I", len(values)) + b"".join(struct.pack("<I", v) for v in values)


def encode_value(dtype, value):
    if dtype == STR:
        return ptp_string(value)
    return struct.pack({UINT8: "<B", UINT16: "<H", INT16: "<h", UINT32: "<I"}[dtype], value)


class Property:
    def __init__(self, code, dtype, value, form=None, writable=True):
        self.code, self.dtype, self.value, self.default, self.form, self.writable = code, dtype, value, value, form, writable

    def desc(self):
        out = struct.pack("<HHB", self.code, self.dtype, 1 if self.writable else 0)
        out += encode_value(self.dtype, self.default) + encode_value(self.dtype, self.value)
        if self.form is None:
            return out + b"\x00"
        if self.form[0] == "range":
            return out + b"\x01" + b"".join(encode_value(self.dtype, v) for v in self.form[1:])
        values = self.form[1]
        return out + b"\x02" + struct.pack("<H", len(values)) + b"".join(encode_value(self.dtype, v) for v in values)


class StoredObject:
    def __init__(self, handle, parent, name, fmt, data=b"", date=""):
        self.handle, self.parent, self.name, self.fmt, self.data, self.date = handle, parent, name, fmt, data, date

    def info(self, width, height):
        is_folder = self.fmt == FMT_ASSOCIATION
        out = struct.pack("<IHHI", STORAGE_ID, self.fmt, 0, len(self.data))
        out += struct.pack("<HIIIIII", 0, 0, 0, 0, 0 if is_folder else width, 0 if is_folder else height,
                           0 if is_folder else 24)
        out += struct.pack("<IHII", self.parent, 1 if is_folder else 0, 0, 0)
        return out + ptp_string(self.name) + ptp_string(self.date) + ptp_string(self.date) + ptp_string("")


class PTPResponder:
    """One camera: session state, storage and objects. Thread-safe; `handle` runs on umockdev's worker thread and
    captures finish on timer threads."""

    def __init__(self, make_jpeg, shutter_lag, on_event, log, model="RICOH THETA Z1", serial="10010001",
                 width=1024, height=512, battery=87, battery_drain=0, free_images=None, raw_twin=False):
        self.make_jpeg, self.shutter_lag, self.on_event, self.log = make_jpeg, shutter_lag, on_event, log
        self.model, self.serial, self.width, self.height = model, serial, width, height
        self.lock = threading.RLock()
        # RAW+JPEG mode: each capture also stores (and announces first) a RAW twin, format 0x3000 as Ricoh's DNG.
        self.raw_twin = raw_twin
        self.session = 0
        self.objects = {1: StoredObject(1, 0, "DCIM", FMT_ASSOCIATION), 2: StoredObject(2, 1, "100RICOH", FMT_ASSOCIATION)}
        self.next_handle = 3
        self.captures = 0
        self.capturing = False
        self.served = 0
        # BatteryLevel falls by `battery_drain` percent per capture; `free_images` (None = from the bytes free)
        # is what StorageInfo reports as FreeSpaceInImages, one fewer per capture.
        self.battery, self.battery_drain, self.free_images = battery, battery_drain, free_images
        self.props = {
            0x5001: Property(0x5001, UINT8, battery, ("range", 0, 100, 1), writable=False),
            0x5003: Property(0x5003, STR, "%dx%d" % (width, height), None, writable=False),
            0x5005: Property(0x5005, UINT16, 2, ("enum", [2, 4, 5, 6]), writable=True),
            0x500E: Property(0x500E, UINT16, 2, ("enum", [1, 2, 4, 0x8003]), writable=True),
            0x5011: Property(0x5011, STR, "20261125T073000+0000", None, writable=True),
            0x5012: Property(0x5012, UINT32, 0, ("range", 0, 10000, 1000), writable=True),
            0x5013: Property(0x5013, UINT16, 1, ("enum", [1, 0x8003]), writable=True),
        }

    def device_info(self):
        out = struct.pack("<HIH", 100, 6, 110) + ptp_string("microsoft.com: 1.0;") + struct.pack("<H", 0)
        out += u16_array(OPERATIONS) + u16_array(EVENTS) + u16_array(sorted(self.props))
        out += u16_array([FMT_JPEG]) + u16_array([FMT_ASSOCIATION, FMT_JPEG])
        return out + ptp_string("Ricoh Company, Ltd.") + ptp_string(self.model) + ptp_string("1.60.1") + ptp_string(self.serial)

    def storage_info(self):
        used = sum(len(o.data) for o in self.objects.values())
        cap = 19 * 1024 ** 3
        images = (cap - used) // 4_000_000 if self.free_images is None else max(0, self.free_images - self.captures)
        out = struct.pack("<HHHQQI", 3, 2, 0, cap, cap - used, images)
        return out + ptp_string("Internal Memory") + ptp_string("THETA")

    def handle(self, code, tid, params, data_in):
        """Returns (response_code, response_params, data_payload_or_None)."""
        with self.lock:
            p = list(params) + [0] * 5
            if code == 0x1001:
                return OK, [], self.device_info()
            if code == 0x1002:
                if self.session:
                    return SESSION_ALREADY_OPEN, [], None
                if p[0] == 0:
                    return INVALID_PARAMETER, [], None
                self.session = p[0]
                return OK, [], None
            if not self.session:
                return SESSION_NOT_OPEN, [], None
            if code == 0x1003:
                self.session = 0
                return OK, [], None
            if code == 0x1004:
                return OK, [], u32_array([STORAGE_ID])
            if code == 0x1005:
                return (OK, [], self.storage_info()) if p[0] == STORAGE_ID else (INVALID_STORAGE_ID, [], None)
            if code in (0x1006, 0x1007):
                handles = self.list_handles(p[0], p[1], p[2])
                if handles is None:
                    return INVALID_STORAGE_ID, [], None
                return (OK, [len(handles)], None) if code == 0x1006 else (OK, [], u32_array(handles))
            if code in (0x1008, 0x1009, 0x101B, 0x100B):
                obj = self.objects.get(p[0])
                if obj is None and not (code == 0x100B and p[0] == 0xFFFFFFFF):
                    return INVALID_OBJECT_HANDLE, [], None
                if code == 0x1008:
                    return OK, [], obj.info(self.width, self.height)
                if code == 0x1009:
                    self.served += 1
                    return OK, [], obj.data
                if code == 0x101B:
                    chunk = obj.data[p[1]:p[1] + p[2]]
                    return OK, [len(chunk)], chunk
                return self.delete(obj)
            if code == 0x100E:
                return self.initiate_capture(tid)
            if code == 0x1014:
                prop = self.props.get(p[0])
                return (OK, [], prop.desc()) if prop else (DEVICE_PROP_NOT_SUPPORTED, [], None)
            if code == 0x1015:
                prop = self.props.get(p[0])
                return (OK, [], encode_value(prop.dtype, prop.value)) if prop else (DEVICE_PROP_NOT_SUPPORTED, [], None)
            if code == 0x1016:
                prop = self.props.get(p[0])
                if prop is None:
                    return DEVICE_PROP_NOT_SUPPORTED, [], None
                if prop.dtype == UINT16 and len(data_in) == 2:
                    prop.value = struct.unpack("<H", data_in)[0]
                if prop.dtype == UINT32 and len(data_in) == 4:
                    prop.value = struct.unpack("<I", data_in)[0]
                return OK, [], None
            return OP_NOT_SUPPORTED, [], None

    def list_handles(self, storage, fmt, parent):
        if storage not in (0xFFFFFFFF, STORAGE_ID):
            return None
        out = []
        for h, o in sorted(self.objects.items()):
            if fmt not in (0, o.fmt):
                continue
            if parent == 0 or (parent == 0xFFFFFFFF and o.parent == 0) or o.parent == parent:
                out.append(h)
        return out

    def delete(self, obj):
        if obj is None or obj.fmt == FMT_ASSOCIATION:
            return OK, [], None  # folders stay, as on the Theta
        del self.objects[obj.handle]
        self.log({"camera": "deleted", "handle": obj.handle, "name": obj.name})
        return OK, [], None

    def initiate_capture(self, tid):
        if self.capturing:
            return DEVICE_BUSY, [], None
        self.capturing = True
        self.captures += 1
        number = self.captures
        self.props[0x5001].value = max(0, int(self.battery - self.battery_drain * number))
        self.log({"camera": "initiate", "tid": tid, "capture": number})
        timer = threading.Timer(self.shutter_lag, self.finish_capture, args=(tid, number))
        timer.daemon = True
        timer.start()
        return OK, [], None

    def trigger_input(self):
        """A pulse on the camera's trigger input (a trigger box): it exposes and, after the shutter lag, announces the
        image with ObjectAdded (transaction id 0: no InitiateCapture caused it). Returns the capture number."""
        with self.lock:
            self.captures += 1
            number = self.captures
        self.log({"camera": "trigger-input", "capture": number})
        timer = threading.Timer(self.shutter_lag, self.finish_capture, args=(0, number))
        timer.daemon = True
        timer.start()
        return number

    def finish_capture(self, tid, number):
        jpeg, path = self.make_jpeg(number)
        if self.raw_twin:
            with self.lock:
                raw = self.next_handle
                self.next_handle += 1
                self.objects[raw] = StoredObject(raw, 2, "R%07d.DNG" % (10000 + number), 0x3000, b"DNG" * 1000,
                                                 "20261125T0730%02d" % (number % 60))
            self.log({"camera": "raw-twin", "capture": number, "handle": raw})
            self.on_event(container(EVENT, OBJECT_ADDED, tid, [raw]))
        with self.lock:
            handle = self.next_handle
            self.next_handle += 1
            name = "R%07d.JPG" % (10000 + number)
            self.objects[handle] = StoredObject(handle, 2, name, FMT_JPEG, jpeg, "20261125T0730%02d" % (number % 60))
            self.capturing = False
        self.log({"camera": "captured", "capture": number, "handle": handle, "name": name, "size": len(jpeg),
                  "path": path})
        self.on_event(container(EVENT, OBJECT_ADDED, tid, [handle]))
        self.on_event(container(EVENT, CAPTURE_COMPLETE, tid, [tid]))

    def forget_session(self):
        with self.lock:
            self.session = 0
            self.capturing = False
