#!/usr/bin/env python3
"""Independent peer for Takt's Velodyne decoder.

Usage:
  velodyne_reference.py pcap FILE.pcap     per-UDP-packet fields parsed with struct from the Velodyne manual layout
                                           (classic pcap, Ethernet, unfragmented IPv4 UDP)
  velodyne_reference.py data HEX           velodyne-decoder's view of one 1206-byte data packet
  velodyne_reference.py telemetry HEX      velodyne-decoder's view of one 512-byte position packet
  velodyne_reference.py stream FILE        FILE holds consecutive 1206-byte data packets: each packet's manual-layout
                                           first azimuth and timestamp, and velodyne-decoder's scans (cut at 0°,
                                           stamped by their first packet) with their packet counts
Prints JSON.
"""
import json
import struct
import sys

import velodyne_decoder as vd


def manual_fields(payload: bytes) -> dict:
    blocks = [struct.unpack_from("<HH", payload, 100 * i) for i in range(12)]
    tail = 1206 if len(payload) == 1212 else 1200
    timestamp, = struct.unpack_from("<I", payload, tail)
    return {
        "size": len(payload),
        "flags": [b[0] for b in blocks],
        "azimuths": [b[1] for b in blocks],
        "timestamp": timestamp,
        "return_mode": payload[tail + 4],
        "product": payload[tail + 5],
    }


def pcap_packets(path: str) -> list:
    data = open(path, "rb").read()
    magic, = struct.unpack_from("<I", data, 0)
    assert magic in (0xA1B2C3D4, 0xA1B23C4D), "little-endian classic pcap expected"
    offset, out = 24, []
    while offset + 16 <= len(data):
        _, _, incl, _ = struct.unpack_from("<IIII", data, offset)
        frame = data[offset + 16: offset + 16 + incl]
        offset += 16 + incl
        if struct.unpack_from(">H", frame, 12)[0] != 0x0800:
            continue
        ihl = (frame[14] & 0x0F) * 4
        udp = frame[14 + ihl:]
        length, = struct.unpack_from(">H", udp, 4)
        entry = manual_fields(udp[8:length])
        entry["dst_port"] = struct.unpack_from(">H", udp, 2)[0]
        out.append(entry)
    return out


def enum_name(value) -> object:
    return None if value is None else str(value).split(".")[-1]


def decoder_data(payload: bytes) -> dict:
    packet = vd.VelodynePacket(0.0, list(payload))
    decoder = vd.ScanDecoder(vd.Config(model=vd.Model.VLP16))
    vector = vd.PacketVector()
    vector.append(packet)
    decoder.decode(vector)
    return {
        "device_stamp_us": round(packet.stamp.device * 1e6),
        "model_id": enum_name(decoder.model_id),
        "return_mode": enum_name(decoder.return_mode),
    }


def decoder_telemetry(payload: bytes) -> dict:
    packet = vd.TelemetryPacket(list(payload))
    return {
        "pps_status": enum_name(packet.pps_status),
        "nmea_sentence": packet.nmea_sentence,
        "usec_since_toh": int(packet.usec_since_toh),
    }


def decoder_stream(path: str) -> dict:
    data = open(path, "rb").read()
    payloads = [data[i:i + 1206] for i in range(0, len(data) - 1205, 1206)]
    first = manual_fields(payloads[0]) if payloads else None
    decoder = vd.StreamDecoder(vd.Config(timestamp_first_packet=True, cut_angle=0.0))
    scans = []

    def note(result):
        if result is None:
            return
        stamp, cloud = result
        # Every channel record of the generated packets is a return, so points / 384 is the packet count.
        scans.append({"device_stamp_us": round(stamp.device * 1e6), "packets": len(cloud) // 384})

    for index, payload in enumerate(payloads):
        note(decoder.decode(index * 1e-3, list(payload)))
    note(decoder.finish())
    probe = vd.ScanDecoder(vd.Config())
    vector = vd.PacketVector()
    vector.append(vd.VelodynePacket(0.0, list(payloads[0])))
    probe.decode(vector)
    return {
        "model_id": enum_name(probe.model_id),
        "return_mode": enum_name(probe.return_mode),
        "first_flags": first["flags"] if first else [],
        "azimuths": [manual_fields(p)["azimuths"][0] for p in payloads],
        "timestamps": [manual_fields(p)["timestamp"] for p in payloads],
        "scans": scans,
    }


def main() -> None:
    mode, arg = sys.argv[1], sys.argv[2]
    if mode == "pcap":
        result = {"packets": pcap_packets(arg)}
    elif mode == "stream":
        result = decoder_stream(arg)
    elif mode == "data":
        result = decoder_data(bytes.fromhex(arg))
    else:
        result = decoder_telemetry(bytes.fromhex(arg))
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
