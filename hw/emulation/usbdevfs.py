"""A usbdevfs URB engine for umockdev: answers the ioctls libusb 1.0.26 issues on /dev/bus/usb/BBB/DDD and turns
bulk/interrupt URBs into byte streams for a device model (protocols.md §5.1-5.2).

The device model supplies `on_bulk_out(bytes)` and pushes bulk-IN containers with `queue_bulk_in(bytes)` and
interrupt transfers with `queue_interrupt(bytes)`. URBs complete in submission order; a submitted URB's IoctlData
is kept until it is reaped, and the reap attaches it so umockdev writes status, length and data back to the host.
"""
import errno
import struct
import threading
from collections import deque

import gi

gi.require_version("UMockdev", "1.0")
from gi.repository import UMockdev  # noqa: E402

SUBMITURB, DISCARDURB, REAPURB, REAPURBNDELAY = 0x8038550A, 0x550B, 0x4008550C, 0x4008550D
CLAIMINTERFACE, RELEASEINTERFACE, GET_CAPABILITIES = 0x8004550F, 0x80045510, 0x8004551A
GETDRIVER, IOCTL, SETINTERFACE, SETCONFIGURATION = 0x41045508, 0xC0105512, 0x80085504, 0x80045505
CLEAR_HALT, RESET, CONNECTINFO, DISCONNECT_CLAIM = 0x80045515, 0x5514, 0x40085511, 0x8108551B
URB_INTERRUPT, URB_CONTROL, URB_BULK = 1, 2, 3
CAPS = 0x01 | 0x02 | 0x04 | 0x08 | 0x10  # zero packet, bulk continuation, no packet size limit, S/G, reap after disconnect


class Urb:
    def __init__(self, data, kind, endpoint, length):
        self.data, self.kind, self.endpoint, self.length = data, kind, endpoint, length
        self.addr = data.client_addr
        # Resolve the buffer now, on umockdev's worker thread: resolving talks to the client over umockdev's socket,
        # which must never happen from a timer thread. Later updates only touch this local copy, which umockdev
        # writes back when the URB is reaped.
        self.buffer = data.resolve(16, length) if length > 0 else None

    def finish(self, status, payload=b""):
        if payload:
            self.buffer.update(0, list(payload))
        self.data.update(4, list(struct.pack("<i", status)))
        self.data.update(28, list(struct.pack("<i", len(payload))))


class UsbDevfs(UMockdev.IoctlBase):
    """`descriptors`: device + configuration descriptor bytes; `strings`: {index: text} for GET_DESCRIPTOR."""

    def __init__(self, descriptors, strings, model, log, bulk_in=0x81, interrupt_in=0x83):
        super().__init__()
        self.descriptors, self.strings, self.model, self.log = descriptors, strings, model, log
        self.bulk_in_ep, self.interrupt_ep = bulk_in, interrupt_in
        self.lock = threading.RLock()
        self.pending = []  # submitted, not finished (Urb)
        self.done = deque()  # finished, not yet reaped
        self.bulk_stream = deque()  # containers waiting for bulk-IN URBs: [bytearray, offset]
        self.interrupts = deque()
        self.gone = False
        self.garbage_urbs = 0

    # --- device model side -------------------------------------------------------------------------------------
    def queue_bulk_in(self, payload):
        with self.lock:
            self.bulk_stream.append([bytes(payload), 0])
            self._pump()

    def queue_interrupt(self, payload):
        with self.lock:
            self.interrupts.append(bytes(payload))
            self._pump()

    def unplug(self):
        """Every pending URB ends with -ESHUTDOWN, every later call with ENODEV, as after a real disconnect."""
        with self.lock:
            self.gone = True
            for urb in self.pending:
                urb.finish(-errno.ESHUTDOWN)
                self.done.append(urb)
            self.pending = []
            self.bulk_stream.clear()
            self.interrupts.clear()

    def reset_streams(self):
        with self.lock:
            self.pending = []
            self.done.clear()
            self.bulk_stream.clear()
            self.interrupts.clear()

    def _pump(self):
        for urb in list(self.pending):
            if urb.kind == URB_BULK and urb.endpoint == self.bulk_in_ep and self.bulk_stream:
                entry = self.bulk_stream[0]
                chunk = entry[0][entry[1]:entry[1] + urb.length]
                entry[1] += len(chunk)
                if entry[1] >= len(entry[0]):
                    self.bulk_stream.popleft()
                self._complete(urb, 0, chunk)
            elif urb.kind == URB_INTERRUPT and self.interrupts:
                self._complete(urb, 0, self.interrupts.popleft()[:urb.length])

    def _complete(self, urb, status, payload=b""):
        urb.finish(status, payload)
        self.pending.remove(urb)
        self.done.append(urb)

    # --- umockdev side ------------------------------------------------------------------------------------------
    def do_client_connected(self, client):
        self.reset_streams()
        self.model.client_connected()

    def do_handle_ioctl(self, client):
        request = client.get_request()
        with self.lock:
            if request == REAPURBNDELAY or request == REAPURB:
                if self.done:
                    client.get_arg().resolve(0, 8).set_ptr(0, self.done.popleft().data)
                    client.complete(0, 0)
                else:
                    client.complete(-1, errno.ENODEV if self.gone else errno.EAGAIN)
                return True
            if self.gone:
                client.complete(-1, errno.ENODEV)
                return True
            if request == GET_CAPABILITIES:
                client.get_arg().resolve(0, 4).update(0, list(struct.pack("<I", CAPS)))
                client.complete(0, 0)
            elif request == SUBMITURB:
                self._submit(client)
            elif request == DISCARDURB:
                addr = struct.unpack("<Q", bytes(client.get_arg().retrieve())[:8])[0]
                match = [u for u in self.pending if u.addr == addr]
                if match:
                    self._complete(match[0], -errno.ENOENT)
                    client.complete(0, 0)
                else:
                    client.complete(-1, errno.EINVAL)
            elif request == GETDRIVER:
                client.complete(-1, errno.ENODATA)  # no kernel driver bound: nothing to detach
            elif request in (CLAIMINTERFACE, RELEASEINTERFACE, SETINTERFACE, SETCONFIGURATION, CLEAR_HALT, RESET,
                             DISCONNECT_CLAIM):
                client.complete(0, 0)
            elif request == CONNECTINFO:
                client.get_arg().resolve(0, 8).update(0, list(struct.pack("<IB3x", 11, 0)))
                client.complete(0, 0)
            else:
                self.log({"emulator": "unhandled-ioctl", "request": "0x%08X" % request})
                client.complete(-1, errno.ENOTTY)
            return True

    def _submit(self, client):
        data = client.get_arg().resolve(0, 56)
        raw = bytes(data.retrieve())
        kind, endpoint = raw[0], raw[1]
        length = struct.unpack_from("<i", raw, 24)[0]
        urb = Urb(data, kind, endpoint, length)
        self.pending.append(urb)
        client.complete(0, 0)
        if kind == URB_CONTROL:
            self._control(urb, bytes(urb.buffer.retrieve()))
        elif kind == URB_BULK and not endpoint & 0x80:
            payload = bytes(urb.buffer.retrieve()) if urb.buffer else b""
            urb.finish(0, b"")
            urb.data.update(28, list(struct.pack("<i", length)))
            self.pending.remove(urb)
            self.done.append(urb)
            self.model.on_bulk_out(payload)
        self._pump()

    def _control(self, urb, buf):
        request_type, request, value, index, wlength = struct.unpack_from("<BBHHH", buf, 0)
        reply = None
        if request_type == 0x80 and request == 6:  # GET_DESCRIPTOR
            kind, idx = value >> 8, value & 0xFF
            if kind == 1:
                reply = self.descriptors[:18]
            elif kind == 2:
                reply = self.descriptors[18:]
            elif kind == 3:
                if idx == 0:
                    reply = bytes([4, 3, 0x09, 0x04])
                elif idx in self.strings:
                    text = self.strings[idx].encode("utf-16-le")
                    reply = bytes([2 + len(text), 3]) + text
        elif request_type == 0x80 and request == 0:  # GET_STATUS
            reply = b"\x01\x00"
        elif request_type == 0xA1 and request == 0x67:  # PTP Get Device Status: OK
            reply = struct.pack("<HH", 4, 0x2001)
        elif request_type in (0x21, 0x00, 0x01, 0x02):  # class resets/cancel, SET_* : accepted, no data
            reply = b""
        if reply is None:
            urb.finish(-errno.EPIPE)  # stall, as a device does for an unknown request
        else:
            reply = reply[:wlength]
            urb.finish(0, b"")
            if reply:
                urb.buffer.update(8, list(reply))
            urb.data.update(28, list(struct.pack("<i", len(reply))))
        self.pending.remove(urb)
        self.done.append(urb)
