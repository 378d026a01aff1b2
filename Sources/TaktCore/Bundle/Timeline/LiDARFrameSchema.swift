extension TimelineSchema {
    /// `/lidar/<id>/frames`: one record per closed rotation. Per-packet times stay in the pcap (kernel receive time
    /// per record), so the timeline carries one small message per frame instead of 1280 per second.
    public static let lidarFrame = TimelineSchema(
        name: "takt.LidarFrame",
        jsonSchema: object(
            "takt.LidarFrame",
            "One LiDAR rotation: completeness, the host-path GPS time of its first packet, and the sensor's own time mapped to GPS time with a sync verdict",
            properties: """
                "frame_id": {"type": "string"}, "lidar_frame_id": {"type": "integer", "minimum": 0},
                "first_measurement_id": {"type": "integer"}, "last_measurement_id": {"type": "integer"},
                "expected_columns": {"type": "integer", "minimum": 0}, "received_columns": {"type": "integer", "minimum": 0},
                "complete": {"type": "boolean"}, "packets": {"type": "integer", "minimum": 0},
                "sensor_timestamp": {"type": ["integer", "null"], "description": "first column's sensor time as sent (ns; Velodyne µs past the hour)"},
                "timestamp_mode": {"type": "string"},
                "sensor_gps_time_ns": {"type": ["integer", "null"], "description": "GPS time from the sensor's clock"},
                "sensor_offset_ns": {"type": ["integer", "null"], "description": "sensor-derived minus host-path GPS time"},
                "sync": {"enum": ["synchronised", "offset", "unsynchronised", "unknown"], "description": "unknown: no timed column, or no GNSS time yet (host-only)"},
                "host_receive_ns": {"type": ["integer", "null"], "description": "host CLOCK_MONOTONIC of the first packet"}
                """,
            required:
                #""frame_id", "lidar_frame_id", "expected_columns", "received_columns", "complete", "packets", "sync""#)
    )
}
