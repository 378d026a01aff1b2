#!/usr/bin/env python3
"""Independent check of a session recorded on the emulated trigger-box rig (hw/emulation/triggered_rig.py).

Usage: triggered_session.py EMULATOR_OUTPUT.jsonl CAPTURES_DIR SESSIONS_DIR

Reads the emulator's ground truth (which pulses it output, which of them made an image and an edge, each capture's
bytes, the simulator's true GPS time of each edge) and the bundle with python-mcap, and prints one JSON object of
findings: per trigger, whether it ended as the right image (the very capture that pulse caused, byte for byte) or a
reported miss; exposure-time errors of event-mark exposures against the truth; marks given to the wrong trigger;
fault reports; the box's outage and how long after the box came back the daemon recorded the gap's end.
"""
import glob, hashlib, json, os, sys

from mcap.reader import make_reader


def main():
    out_path, captures, sessions = sys.argv[1:4]
    pulses, refused, silent, extra_edges, edges = {}, set(), set(), [], {}
    back_ns = dropped_ns = unplugged_ns = replugged_ns = None
    image_number = 0
    for line in open(out_path):
        try:
            d = json.loads(line)
        except ValueError:
            continue
        if d.get("box") == "pulse":
            if d["image"]:
                image_number += 1
            d["capture"] = image_number if d["image"] else None
            pulses[d["sequence"]] = d
        elif d.get("box") == "refused":
            refused.add(d["sequence"])
        elif d.get("box") == "silent":
            silent.add(d["sequence"])
        elif d.get("box") == "extra-edge":
            extra_edges.append(d["edgeMonotonicNs"])
        elif d.get("box") == "dropped":
            dropped_ns = d["monotonicNs"]
        elif d.get("box") == "back":
            back_ns = d["monotonicNs"]
        elif d.get("emulator") == "unplugged":
            unplugged_ns = d["monotonicNs"]
        elif d.get("emulator") == "replugged":
            replugged_ns = d["monotonicNs"]
        elif d.get("simulator") == "edge":
            edges[d["monotonicNs"]] = d["gpsNs"]

    def truth_gps(mono):  # the simulator's truth is linear in host time: interpolate between its edge records
        pts = sorted(edges.items())
        (m0, g0), (m1, g1) = pts[0], pts[-1]
        return g0 + (mono - m0) * (g1 - g0) / (m1 - m0)

    triggers, exposures, missing, anomalies, box_events, camera_events = {}, {}, {}, [], [], []
    for f in sorted(glob.glob(os.path.join(sessions, "*/segments/*/data/timeline.mcap"))):
        with open(f, "rb") as fh:
            for _, ch, m in make_reader(fh, validate_crcs=True).iter_messages():
                d = json.loads(m.data)
                if ch.topic == "/camera/cam0/trigger":
                    triggers[d["seq"]] = m.log_time
                elif ch.topic == "/camera/cam0/exposure":
                    if d.get("file"):
                        d["sha"] = hashlib.sha256(open(os.path.join(os.path.dirname(f), d["file"]), "rb").read()).hexdigest()
                    exposures[d["seq"]] = d
                elif ch.topic == "/events" and d["kind"] == "image-missing":
                    missing[int(d["attributes"]["seq"])] = (m.log_time, d["message"])
                elif ch.topic == "/events" and d["kind"] == "exposure-anomaly":
                    anomalies.append(d["message"])
                elif ch.topic == "/events" and d["source"] == "box0":
                    box_events.append(d)
                elif ch.topic == "/events" and d["source"] == "cam0" and d["kind"] in ("gap-start", "camera-connected"):
                    camera_events.append((d["gps_time_ns"], d["kind"]))

    capture_sha = {int(os.path.basename(p)[8:11]): hashlib.sha256(open(p, "rb").read()).hexdigest()
                   for p in glob.glob(os.path.join(captures, "capture-*.jpg"))}
    r = {"triggers": len(triggers), "pulses": len(pulses), "exposures": len(exposures), "images": 0,
         "rightImage": 0, "wrongImage": 0, "unexplained": [], "missesWithReason": {}, "eventMark": 0,
         "markErrorsNs": [], "markOnWrongTrigger": 0, "marksExpected": 0, "extraEdgeAssigned": 0}
    for seq in sorted(triggers):
        e = exposures.get(seq)
        if e and e.get("file"):
            r["images"] += 1
            p = pulses.get(seq)
            ok = p is not None and p["capture"] is not None and capture_sha.get(p["capture"]) == e["sha"]
            r["rightImage" if ok else "wrongImage"] += 1
        elif seq in missing:
            r["missesWithReason"][str(seq)] = missing[seq][1]
        else:
            r["unexplained"].append(seq)
        p = pulses.get(seq)
        if p and e and p["edgeMonotonicNs"] in edges:
            # The daemon's GPS stamp of the command against the true edge: its time-base error plus the latency.
            r.setdefault("commandToEdgeMs", []).append(
                round((edges[p["edgeMonotonicNs"]] - e["command_gps_ns"]) / 1e6, 1))
        if p and p["mark"]:
            r["marksExpected"] += 1
        if e and e.get("exposure_source") == "event-mark":
            r["eventMark"] += 1
            if not p or not p["mark"]:
                r["markOnWrongTrigger"] += 1
                continue
            truth = edges.get(p["edgeMonotonicNs"])
            r["markErrorsNs"].append(e["gps_time_ns"] - truth if truth is not None else None)
            if any(abs(e["gps_time_ns"] - edges.get(x, 0)) < 1000 for x in extra_edges):
                r["extraEdgeAssigned"] += 1
    # How soon after the trigger's planned time its miss was reported, for the box's refusals and silences.
    r["missLatencyMs"] = {str(s): round((missing[s][0] - triggers[s]) / 1e6, 1)
                          for s in sorted(refused | silent) if s in missing and s in triggers}
    r["missBeforeNextTrigger"] = all(missing[s][0] < triggers.get(s + 1, float("inf"))
                                     for s in refused | silent if s in missing)
    r["refused"], r["silent"] = sorted(refused), sorted(silent)
    r["anomalies"] = anomalies
    r["boxEvents"] = [{k: d.get(k) for k in ("kind", "message", "attributes", "gap_start_gps_ns", "gap_end_gps_ns")}
                      for d in box_events]
    ends = [d for d in box_events if d["kind"] == "gap-end"]
    if ends and back_ns is not None and len(edges) >= 2:
        r["gapEndAfterBoxBackMs"] = round((ends[0]["gap_end_gps_ns"] - truth_gps(back_ns)) / 1e6, 1)
        r["boxOutageMs"] = round((back_ns - dropped_ns) / 1e6, 1)
        r["recordedGapMs"] = round((ends[0]["gap_end_gps_ns"] - ends[0]["gap_start_gps_ns"]) / 1e6, 1)
    r["cameraEvents"] = [k for _, k in sorted(camera_events)]
    lost = [t for t, k in sorted(camera_events) if k == "gap-start"]
    back = [t for t, k in sorted(camera_events) if k == "camera-connected" and lost and t > lost[0]]
    if replugged_ns is not None and back and len(edges) >= 2:
        # How long after the camera was plugged back in its session was open again (libusb hot-plug + reconnect).
        # (Both stamps carry the daemon's time-base error; the recorded gap below does not.)
        r["cameraBackAfterReplugMs"] = round((back[0] - truth_gps(replugged_ns)) / 1e6, 1)
        r["cameraOutageMs"] = round((replugged_ns - unplugged_ns) / 1e6, 1)
        r["cameraRecordedGapMs"] = round((back[0] - lost[0]) / 1e6, 1)
    r["garbageLines"] = sum(int(d["attributes"].get("garbageLines", 0)) for d in box_events
                            if d["kind"] == "link-garbage")
    r["unexpectedAcks"] = sum(int(d["attributes"].get("unexpectedAcks", 0)) for d in box_events
                              if d["kind"] == "link-garbage")
    print(json.dumps(r))


if __name__ == "__main__":
    main()
