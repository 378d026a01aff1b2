/// A JSON Schema registered on the MCAP timeline (encoding `jsonschema`, messages `json`), so Foxglove and
/// python-mcap decode every channel without Takt code. Field names are snake_case on the wire.
public struct TimelineSchema: Sendable, Hashable {
    public var name: String
    public var jsonSchema: String

    public init(name: String, jsonSchema: String) {
        self.name = name
        self.jsonSchema = jsonSchema
    }
}

extension TimelineSchema {
    static let stampProperties = """
        "timestamp": {"type": "object", "description": "UTC (GPS time minus leap seconds), Foxglove time",
          "properties": {"sec": {"type": "integer", "minimum": 0}, "nsec": {"type": "integer", "minimum": 0, "maximum": 999999999}},
          "required": ["sec", "nsec"]},
        "gps_time_ns": {"type": "integer", "description": "GPS time, ns since 1980-01-06"},
        "time_provenance": {"enum": ["pps-locked", "pps-holdover", "gnss-message-only", "host-only"]},
        "time_sigma_ns": {"type": "number", "minimum": 0}
        """
    static let stampRequired = #""timestamp", "gps_time_ns", "time_provenance", "time_sigma_ns""#

    static func object(_ title: String, _ description: String, properties: String, required: String) -> String {
        """
        {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "\(title)", "description": "\(description)",
         "type": "object", "properties": {\(stampProperties), \(properties)}, "required": [\(stampRequired)\(required.isEmpty ? "" : ", " + required)]}
        """
    }

    /// Foxglove's LocationFix fields (Map panel) plus Takt's time and quality fields.
    public static let fix = TimelineSchema(
        name: "foxglove.LocationFix",
        jsonSchema: object(
            "foxglove.LocationFix", "A GNSS fix (Foxglove LocationFix fields plus Takt time provenance and quality)",
            properties: """
                "frame_id": {"type": "string"}, "latitude": {"type": "number"}, "longitude": {"type": "number"},
                "altitude": {"type": "number", "description": "ellipsoidal height, m"},
                "position_covariance": {"type": "array", "items": {"type": "number"}, "minItems": 9, "maxItems": 9},
                "position_covariance_type": {"type": "integer", "minimum": 0, "maximum": 3},
                "fix_mode": {"type": "integer", "minimum": 0, "maximum": 3},
                "fix_status": {"type": "string"},
                "speed_mps": {"type": ["number", "null"]}, "track_deg": {"type": ["number", "null"]},
                "satellites_used": {"type": ["integer", "null"]},
                "host_receive_ns": {"type": "integer", "description": "host CLOCK_MONOTONIC at receipt"},
                "source": {"type": "string", "description": "gpsd TPV, UBX NAV-PVT, NMEA, ..."}
                """,
            required: #""frame_id", "latitude", "longitude", "altitude", "fix_mode""#))

    public static let sky = TimelineSchema(
        name: "takt.Sky",
        jsonSchema: object(
            "takt.Sky", "Satellites seen and used, dilution of precision",
            properties: """
                "frame_id": {"type": "string"}, "satellites_visible": {"type": "integer"},
                "satellites_used": {"type": "integer"}, "hdop": {"type": ["number", "null"]}, "pdop": {"type": ["number", "null"]}
                """,
            required: #""frame_id", "satellites_visible", "satellites_used""#))

    public static let ppsEdge = TimelineSchema(
        name: "takt.PPSEdge",
        jsonSchema: object(
            "takt.PPSEdge", "One PPS edge: the host instant it was seen, the GPS second it marks, and the model's residual",
            properties: """
                "frame_id": {"type": "string"}, "host_monotonic_ns": {"type": "integer"},
                "label_gps_second": {"type": ["integer", "null"]}, "label_source": {"type": ["string", "null"]},
                "residual_ns": {"type": ["number", "null"]}, "accepted": {"type": "boolean"},
                "reject_reason": {"type": ["string", "null"]}
                """,
            required: #""frame_id", "host_monotonic_ns", "accepted""#))

    public static let clock = TimelineSchema(
        name: "takt.ClockState",
        jsonSchema: object(
            "takt.ClockState", "The host→GPS clock model once per second",
            properties: """
                "locked": {"type": "boolean"}, "source": {"type": "string"},
                "offset_ns": {"type": ["number", "null"]}, "drift_ppm": {"type": ["number", "null"]},
                "jitter_ns": {"type": ["number", "null"]}, "sigma_ns": {"type": ["number", "null"]},
                "holdover_s": {"type": ["number", "null"]}, "leap_seconds": {"type": "integer"},
                "leap_seconds_source": {"type": "string"}
                """,
            required: #""locked", "leap_seconds""#))

    public static let event = TimelineSchema(
        name: "takt.Event",
        jsonSchema: object(
            "takt.Event", "Something that happened: operator mark, gap, restart, state change, disk warning",
            properties: """
                "kind": {"type": "string"}, "source": {"type": "string"}, "message": {"type": "string"},
                "gap_start_gps_ns": {"type": ["integer", "null"]}, "gap_end_gps_ns": {"type": ["integer", "null"]},
                "attributes": {"type": "object", "additionalProperties": {"type": "string"}}
                """,
            required: #""kind", "source", "message""#))

    public static let log = TimelineSchema(
        name: "foxglove.Log",
        jsonSchema: object(
            "foxglove.Log", "Daemon log lines (Foxglove Log fields)",
            properties: """
                "level": {"type": "integer", "minimum": 0, "maximum": 5}, "message": {"type": "string"},
                "name": {"type": "string"}, "file": {"type": "string"}, "line": {"type": "integer", "minimum": 0}
                """,
            required: #""level", "message", "name""#))

    public static let sensorStats = TimelineSchema(
        name: "takt.SensorStats",
        jsonSchema: object(
            "takt.SensorStats", "Per-sensor rates and loss counters once per second",
            properties: """
                "frame_id": {"type": "string"}, "health": {"type": "string"},
                "messages_per_second": {"type": "number"}, "bytes_per_second": {"type": "number"},
                "counters": {"type": "object", "additionalProperties": {"type": "integer"}}
                """,
            required: #""frame_id", "health", "counters""#))

    public static let rawChunk = TimelineSchema(
        name: "takt.RawRecordIndex",
        jsonSchema: object(
            "takt.RawRecordIndex", "Where one received raw frame sits in its raw file (bytes stay in the raw file)",
            properties: """
                "frame_id": {"type": "string"}, "file": {"type": "string"}, "offset": {"type": "integer"},
                "length": {"type": "integer"}, "kind": {"type": "string"}, "host_receive_ns": {"type": "integer"}
                """,
            required: #""frame_id", "file", "offset", "length", "kind""#))
}

extension TimelineSchema {
    public static let imu = TimelineSchema(
        name: "takt.Imu",
        jsonSchema: object(
            "takt.Imu",
            "One IMU sample set (u-blox ESF-RAW/ESF-MEAS): GPS time from the sensor time tag mapped through the navigation epochs once anchored (else from the clock model at receipt; provenance and sigma say which); the raw sensor time tag is kept for post-processing",
            properties: """
                "frame_id": {"type": "string"}, "sensor_time_tag": {"type": "integer"},
                "angular_velocity_dps": {"type": "object", "properties": {"x": {"type": ["number", "null"]}, "y": {"type": ["number", "null"]}, "z": {"type": ["number", "null"]}}},
                "linear_acceleration_mps2": {"type": "object", "properties": {"x": {"type": ["number", "null"]}, "y": {"type": ["number", "null"]}, "z": {"type": ["number", "null"]}}},
                "temperature_c": {"type": ["number", "null"]}, "source": {"type": "string"},
                "host_receive_ns": {"type": "integer"}
                """,
            required: #""frame_id", "sensor_time_tag", "angular_velocity_dps", "linear_acceleration_mps2", "source""#))

    public static let timeMark = TimelineSchema(
        name: "takt.TimeMark",
        jsonSchema: object(
            "takt.TimeMark",
            "An event-input time mark measured by the GNSS receiver (u-blox TIM-TM2): edge times in GPS time and the edge counter",
            properties: """
                "frame_id": {"type": "string"}, "channel": {"type": "integer"}, "count": {"type": "integer"},
                "rising_gps_ns": {"type": ["integer", "null"]}, "falling_gps_ns": {"type": ["integer", "null"]},
                "new_rising_edge": {"type": "boolean"}, "new_falling_edge": {"type": "boolean"},
                "time_valid": {"type": "boolean"}, "time_base": {"type": "integer"}, "accuracy_ns": {"type": "integer"},
                "host_receive_ns": {"type": "integer"}
                """,
            required: #""frame_id", "channel", "count", "new_rising_edge", "time_valid""#))
}
