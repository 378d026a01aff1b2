#!/usr/bin/python3
"""Emulated USB-serial trigger box (hw/wiring/trigger-box.md) as a umockdev tty, for Takt's trigger tests.

Run with Debian's /usr/bin/python3. Reuses umockdev_receiver.py's tty testbed (/dev/ttyUSB0 backed by a PTY, modem
ioctls answered so libserialport 0.1.1 opens it) and runs the helper given after `--` under umockdev's preload.
The box answers every `T <seq>` line read from the PTY master with `A <seq> <tick_us>`, tick_us being microseconds
since the box "powered up" (emulator start, CLOCK_MONOTONIC).

Scripted faults:
  --garbage-after N   after the N-th ack, write line noise (non-protocol text, an ack without a tick, a non-numeric
                      ack, an 200-byte line, an ack for a sequence never sent) plus one valid `E` and `H` line.
  --drop-after N      after the N-th ack, the box drops off (modem ioctls fail with EIO as for an unplugged ttyUSB)
                      until the helper has noticed and retried twice; bytes the helper wrote meanwhile are lost.

Output: JSON lines, the helper's verbatim plus lines with a "box" key (and "monotonicNs").
"""
import argparse, json, os, queue, select, subprocess, sys, threading, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import umockdev_receiver as tty  # noqa: E402

GARBAGE = [b"\x00\xffnoise\x07\n", b"A 12\n", b"A x 5\n", b"Z" * 200 + b"\n", b"A 999999 5\n"]
INFO = [b"E busy 999\n", b"H %d\n"]


def emit(obj):
    obj.setdefault("monotonicNs", time.monotonic_ns())
    tty.emit(obj)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--garbage-after", type=int, default=0)
    ap.add_argument("--drop-after", type=int, default=0)
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("helper", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    helper = [tty.DEVNODE if a == "DEVICE" else a for a in args.helper if a != "--"]

    testbed = tty.UMockdev.Testbed.new()
    lines_handler = tty.ModemLines()
    testbed.attach_ioctl(tty.DEVNODE, lines_handler)
    testbed.add_from_string(tty.DEVICE)
    master = testbed.get_dev_fd(tty.DEVNODE)
    env = dict(os.environ)
    env["UMOCKDEV_DIR"] = testbed.get_root_dir()
    env["LD_PRELOAD"] = "libumockdev-preload.so.0" + (" " + env["LD_PRELOAD"] if env.get("LD_PRELOAD") else "")
    proc = subprocess.Popen(helper, stdout=subprocess.PIPE, env=env)
    helper_lines = queue.Queue()
    threading.Thread(target=tty.pump, args=(proc.stdout, helper_lines), daemon=True).start()
    start = time.monotonic_ns()

    def tick():
        return (time.monotonic_ns() - start) // 1000

    def wait_helper(pred, what):
        deadline = time.monotonic() + args.timeout
        while time.monotonic() < deadline:
            try:
                item = helper_lines.get(timeout=0.2)
            except queue.Empty:
                continue
            if item is None:
                raise RuntimeError("helper exited while waiting for " + what)
            if pred(item):
                return item
        raise TimeoutError("timed out waiting for " + what)

    def drop():
        lines_handler.remove()
        emit({"box": "dropped"})
        wait_helper(lambda e: e.get("event") == "failed", "the helper to notice the drop")
        lines_handler.wait_eio_answers(lines_handler.eio_answers + 2, args.timeout)
        lost = b""
        try:
            while select.select([master], [], [], 0)[0]:
                lost += os.read(master, 4096)
        except OSError:
            pass
        with lines_handler.cond:
            lines_handler.removed = False
        emit({"box": "back", "discarded": lost.decode("ascii", "replace")})

    acked = 0
    pending = b""
    status = "ok"
    deadline = time.monotonic() + args.timeout
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            if not select.select([master], [], [], 0.05)[0]:
                continue
            try:
                pending += os.read(master, 4096)
            except OSError:  # EIO while no process has the tty open (before the helper opens it, between opens)
                time.sleep(0.02)
                continue
            while b"\n" in pending:
                line, pending = pending.split(b"\n", 1)
                fields = line.strip().split()
                if len(fields) != 2 or fields[0] != b"T" or not fields[1].isdigit():
                    os.write(master, b"E parse\n")
                    continue
                seq = int(fields[1])
                edge = tick()
                os.write(master, b"A %d %d\n" % (seq, edge))
                acked += 1
                emit({"box": "pulse", "sequence": seq, "tickUs": edge})
                if acked == args.garbage_after:
                    for g in GARBAGE:
                        os.write(master, g)
                    for i in INFO:
                        os.write(master, i % tick() if b"%d" in i else i)
                    emit({"box": "garbage", "lines": len(GARBAGE), "info": len(INFO)})
                if acked == args.drop_after:
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
    emit({"box": "done", "status": status, "helperExit": proc.returncode, "pulses": acked})


if __name__ == "__main__":
    main()
