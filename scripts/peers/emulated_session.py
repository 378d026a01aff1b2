#!/usr/bin/env python3
"""Facts about a session recorded on the emulated rig, gathered with independent peers (pyubx2, RTKLIB convbin,
python-mcap), printed as one JSON object. scripts/emulate and Tests/IntegrationTests assert on them.

Usage: emulated_session.py SESSION_DIR [--receiver ubx0] [--pulse-log FILE]

- ubx: the receiver's raw file of every segment, concatenated in segment order (segments cut at frame boundaries),
  parsed by pyubx2 (message counts, parse errors, NAV-PVT iTOW steps: a lost byte shows as a step other than 200 ms)
  and converted by `convbin -r ubx` to RINEX observations (epochs = lines starting with '>').
- timeline: topic counts; /time/pps verdicts; /time/clock provenances, sources and the first locked record.
- latency (with the emulator's --pulse-log): for each recorded PPS edge, how late the emulator raised DCD after the
  producer's true instant, and how long the raised DCD took to reach the daemon's TIOCMIWAIT stamp.
"""
import argparse, collections, glob, json, os, subprocess, sys, tempfile

from mcap.reader import make_reader
from pyubx2 import UBXReader


def percentiles(values):
    if not values:
        return None
    v = sorted(values)
    pick = lambda q: v[min(len(v) - 1, int(q * (len(v) - 1) + 0.5))]
    return {"count": len(v), "median": pick(0.5), "p95": pick(0.95), "max": v[-1], "min": v[0]}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("session")
    ap.add_argument("--receiver", default="ubx0")
    ap.add_argument("--pulse-log")
    args = ap.parse_args()
    segments = sorted(glob.glob(os.path.join(args.session, "segments", "*")))
    facts = {"segments": len(segments)}

    raw = b"".join(open(f, "rb").read() for s in segments
                   for f in [os.path.join(s, "data", "gnss", args.receiver + ".ubx")] if os.path.exists(f))
    counts, errors, itows, imu_sets = collections.Counter(), 0, [], 0
    with tempfile.TemporaryDirectory() as work:
        ubx = os.path.join(work, "all.ubx")
        with open(ubx, "wb") as fh:
            fh.write(raw)
        with open(ubx, "rb") as fh:
            for frame, msg in UBXReader(fh, protfilter=2, quitonerror=1, errorhandler=lambda e: None):
                if msg is None:
                    errors += 1
                    continue
                counts[msg.identity] += 1
                if msg.identity == "ESF-RAW":
                    imu_sets += (len(frame) - 8 - 4) // 8 // 6  # header+checksum, reserved, 6 data words per set
                if msg.identity == "NAV-PVT":
                    itows.append(msg.iTOW)
        obs = os.path.join(work, "all.obs")
        conv = subprocess.run(["convbin", "-r", "ubx", "-o", obs, ubx], capture_output=True, text=True)
        epochs, sats = 0, set()
        if os.path.exists(obs):
            with open(obs) as fh:
                header = True
                for line in fh:
                    if header:
                        header = "END OF HEADER" not in line
                    elif line.startswith(">"):
                        epochs += 1
                    elif line[:1] in "GRECJ" and line[1:3].strip().isdigit():
                        sats.add(line[:3])
    steps = collections.Counter(b - a for a, b in zip(itows, itows[1:]))
    facts["ubx"] = {"bytes": len(raw), "messages": counts, "parseErrors": errors, "esfRawSampleSets": imu_sets,
                    "navPvtSteps": {str(k): v for k, v in steps.items()}}
    facts["convbin"] = {"status": conv.returncode, "epochs": epochs, "satellites": sorted(sats)}

    topics, pps, clocks, events = collections.Counter(), [], [], collections.Counter()
    for f in [os.path.join(s, "data", "timeline.mcap") for s in segments]:
        with open(f, "rb") as fh:
            for _, ch, m in make_reader(fh, validate_crcs=True).iter_messages():
                topics[ch.topic] += 1
                if ch.topic == "/time/pps":
                    pps.append(json.loads(m.data))
                elif ch.topic == "/time/clock":
                    clocks.append(json.loads(m.data))
                elif ch.topic == "/events":
                    events[json.loads(m.data)["kind"]] += 1
    facts["topics"] = topics
    facts["events"] = events
    facts["pps"] = {"edges": len(pps), "accepted": sum(1 for p in pps if p["accepted"]),
                    "rejected": collections.Counter(p.get("reject_reason") for p in pps if not p["accepted"]),
                    "frames": sorted({p["frame_id"] for p in pps})}
    first_edge = min((p["host_monotonic_ns"] for p in pps), default=None)
    locked = [c for c in clocks if c["locked"]]
    facts["clock"] = {
        "records": len(clocks),
        "provenance": collections.Counter(c["time_provenance"] for c in clocks),
        "sources": sorted({c["source"] for c in clocks}),
        "locked": len(locked),
        "lastJitterNs": clocks[-1].get("jitter_ns") if clocks else None,
        "lastDriftPpm": clocks[-1].get("drift_ppm") if clocks else None,
        "firstLockedGpsNs": locked[0]["gps_time_ns"] if locked else None,
        "firstEdgeGpsNs": min((p["gps_time_ns"] for p in pps), default=None),
    }

    if args.pulse_log:
        pulses = [json.loads(line) for line in open(args.pulse_log) if line.strip()]
        late, delivery = [], []
        for p in pps:
            host = p["host_monotonic_ns"]
            near = min(pulses, key=lambda q: abs(host - q["dcdNs"]), default=None)
            if near is None or abs(host - near["dcdNs"]) > 50_000_000:
                continue
            late.append((near["dcdNs"] - near["trueNs"]) / 1000)
            delivery.append((host - near["dcdNs"]) / 1000)
        facts["latencyUs"] = {"pulsesLogged": len(pulses), "emulatorLateness": percentiles(late),
                              "dcdToWatcher": percentiles(delivery)}
    json.dump(facts, sys.stdout)
    print()


if __name__ == "__main__":
    main()
