#!/usr/bin/env python3
"""Independent peer for Takt's Ouster decoder: decodes a pcap with ouster-sdk and prints JSON.

Usage: ouster_reference.py CAPTURE.pcap METADATA.json
Prints {"format": {...}, "lidar": [...], "imu": [...]} with one entry per packet ouster-sdk yields, in capture order.
"""
import json
import sys

from ouster.sdk import core, pcap


def main() -> None:
    capture, metadata = sys.argv[1], sys.argv[2]
    source = pcap.PcapPacketSource(capture, meta=[metadata])
    info = source.sensor_info[0]
    pf = core.PacketFormat(info)
    out = {
        "format": {
            "profile": str(pf.udp_profile_lidar).split(".")[-1],
            "columns_per_packet": pf.columns_per_packet,
            "pixels_per_column": pf.pixels_per_column,
            "lidar_packet_size": pf.lidar_packet_size,
            "imu_packet_size": pf.imu_packet_size,
            "columns_per_frame": info.format.columns_per_frame,
            "serial": str(info.sn),
            "prod_line": info.prod_line,
            "init_id": info.init_id,
            "udp_port_lidar": info.config.udp_port_lidar,
            "udp_port_imu": info.config.udp_port_imu,
            "lidar_mode": str(info.config.lidar_mode).split(".")[-1],
        },
        "lidar": [],
        "imu": [],
    }
    for _, packet in source:
        buf = packet.buf
        if isinstance(packet, core.LidarPacket):
            out["lidar"].append({
                "size": len(buf),
                "packet_type": int(pf.packet_type(buf)),
                "frame_id": int(pf.frame_id(buf)),
                "init_id": int(pf.init_id(buf)),
                "prod_sn": int(pf.prod_sn(buf)),
                "alert_flags": int(pf.alert_flags(buf)),
                "shot_limiting": int(pf.shot_limiting(buf)),
                "thermal_shutdown": int(pf.thermal_shutdown(buf)),
                "countdown_shot_limiting": int(pf.countdown_shot_limiting(buf)),
                "countdown_thermal_shutdown": int(pf.countdown_thermal_shutdown(buf)),
                "timestamps": [int(x) for x in pf.packet_header(core.ColHeader.TIMESTAMP, buf)],
                "measurement_ids": [int(x) for x in pf.packet_header(core.ColHeader.MEASUREMENT_ID, buf)],
                "status": [int(x) for x in pf.packet_header(core.ColHeader.STATUS, buf)],
                "host_timestamp": int(packet.host_timestamp),
            })
        elif isinstance(packet, core.ImuPacket):
            out["imu"].append({
                "size": len(buf),
                "sys_ts": int(pf.imu_sys_ts(buf)),
                "accel_ts": int(pf.imu_accel_ts(buf)),
                "gyro_ts": int(pf.imu_gyro_ts(buf)),
                "accel": [float(pf.imu_la_x(buf)), float(pf.imu_la_y(buf)), float(pf.imu_la_z(buf))],
                "gyro": [float(pf.imu_av_x(buf)), float(pf.imu_av_y(buf)), float(pf.imu_av_z(buf))],
                "host_timestamp": int(packet.host_timestamp),
            })
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
