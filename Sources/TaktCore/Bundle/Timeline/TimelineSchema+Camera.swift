extension TimelineSchema {
    /// Topic of a camera's planned triggers.
    public static func triggerTopic(camera: String) -> String { "/camera/\(camera)/trigger" }
    /// Topic of a camera's reconciled exposures (one per image).
    public static func exposureTopic(camera: String) -> String { "/camera/\(camera)/exposure" }

    /// One planned trigger; the stamp is the planned (predicted) GPS instant.
    public static let trigger = TimelineSchema(
        name: "takt.Trigger",
        jsonSchema: object(
            "takt.Trigger", "A camera trigger the planner committed: sequence number, cause and predicted crossing",
            properties: """
                "frame_id": {"type": "string"}, "seq": {"type": "integer", "minimum": 1},
                "cause": {"enum": ["distance", "interval", "position"]},
                "distance_m": {"type": "number", "description": "along-path distance at the planned instant"},
                "speed_mps": {"type": "number"}, "late": {"type": "boolean"}, "deferred": {"type": "boolean"}
                """,
            required: #""frame_id", "seq", "cause", "distance_m", "speed_mps", "late", "deferred""#))

    /// One exposure: the stamp is the exposure time (with its provenance and σ), plus the image, the pose at
    /// that instant and the camera's mounting.
    public static let exposure = TimelineSchema(
        name: "takt.Exposure",
        jsonSchema: object(
            "takt.Exposure", "A reconciled exposure: trigger seq, command and exposure times, image, pose, mounting",
            properties: """
                "frame_id": {"type": "string"}, "seq": {"type": "integer", "minimum": 1},
                "command_gps_ns": {"type": "integer"},
                "command_time_provenance": {"enum": ["pps-locked", "pps-holdover", "gnss-message-only", "host-only"]},
                "command_sigma_ns": {"type": "number", "minimum": 0},
                "exposure_source": {"enum": ["event-mark", "device-reported", "command-latency"]},
                "mark_status": {"enum": ["matched", "lost", "no-edge", "missing", "not-expected"]},
                "mark_count": {"type": ["integer", "null"]},
                "file": {"type": ["string", "null"], "description": "image path relative to the segment's data/"},
                "pose": {"type": ["object", "null"], "properties": {
                  "latitude": {"type": "number"}, "longitude": {"type": "number"}, "altitude": {"type": "number"},
                  "velocity_enu_mps": {"type": ["array", "null"], "items": {"type": "number"}, "minItems": 3, "maxItems": 3},
                  "heading_deg": {"type": ["number", "null"]}, "pitch_deg": {"type": ["number", "null"]},
                  "roll_deg": {"type": ["number", "null"]}, "heading_source": {"type": ["string", "null"]},
                  "horizontal_sigma_m": {"type": ["number", "null"]}, "vertical_sigma_m": {"type": ["number", "null"]},
                  "attitude_sigma_deg": {"type": ["number", "null"]}, "extrapolation_s": {"type": "number"}},
                  "required": ["latitude", "longitude", "altitude"]},
                "lever_arm_m": {"type": ["array", "null"], "items": {"type": "number"}, "minItems": 3, "maxItems": 3},
                "boresight_deg": {"type": ["object", "null"], "properties": {
                  "roll": {"type": "number"}, "pitch": {"type": "number"}, "yaw": {"type": "number"}}}
                """,
            required: #""frame_id", "seq", "command_gps_ns", "exposure_source", "mark_status""#))
}
