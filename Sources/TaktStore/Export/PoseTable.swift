import TaktCore

/// The per-image pose CSV delivered beside the images, with precision columns as survey vendors (Leica, Trimble,
/// Cyclomedia) deliver them: GPS and UTC time, position and attitude each with its one-sigma accuracy, and how
/// the exposure time was obtained.
enum PoseTable {
    static let header = [
        "seq", "camera", "file", "gps_time_ns", "gps_week", "gps_tow_s", "utc", "latitude_deg", "longitude_deg",
        "height_m", "sigma_h_m", "sigma_v_m", "heading_deg", "pitch_deg", "roll_deg", "sigma_att_deg", "speed_mps",
        "time_source", "time_provenance", "sigma_t_ns", "mark_status", "lever_arm_applied",
    ].joined(separator: ",")

    /// `position` is the camera's (lever arm applied when `leverArmApplied`); angles are the camera's.
    static func row(
        _ m: ExposureMessage, file: String, position: GeodeticPoint, leverArmApplied: Bool, leapSeconds: Int,
        heading: Double?, pitch: Double?, roll: Double?
    ) -> String {
        let t = m.exposureTime
        let p = m.pose
        func f(_ x: Double?, _ digits: Int) -> String { x.map { FixedDecimal.format($0, digits: digits) } ?? "" }
        let tow = Double(t.timeOfWeekNanoseconds) / 1e9
        return [
            "\(m.seq)", m.frameId, file, "\(m.gpsTimeNs)", "\(t.week)", FixedDecimal.format(tow, digits: 9),
            UTCText.iso8601(unixNanoseconds: t.unixUTCNanoseconds(leapSeconds: leapSeconds)),
            f(position.latitude, 10), f(position.longitude, 10), f(position.height, 4), f(p?.horizontalSigmaM, 4),
            f(p?.verticalSigmaM, 4), f(heading, 6), f(pitch, 6), f(roll, 6), f(p?.attitudeSigmaDeg, 4),
            f(p?.speedMps, 4), m.exposureSource.rawValue, m.timeProvenance.rawValue, f(m.timeSigmaNs, 1),
            m.markStatus.rawValue, leverArmApplied ? "true" : "false",
        ].joined(separator: ",")
    }
}
