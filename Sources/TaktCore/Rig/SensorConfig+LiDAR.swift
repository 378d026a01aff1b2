extension SensorConfig {
    /// A lidar's options as the daemon reads them: `timestampMode` must name a known clock; without `metadataFile`
    /// only Velodyne packets can be decoded (Ouster's layout lives in the metadata), so the daemon's service for it
    /// fails (a supervised, reported failure): a warning, since the file may be added before the run.
    func lidarProblems(path: String) -> [RigProblem] {
        var out: [RigProblem] = []
        if let mode = options?["timestampMode"], LiDARTimestampMode(rawValue: mode) == nil {
            out.append(
                RigProblem(
                    path: "\(path).options.timestampMode",
                    message:
                        "'\(mode)' is not one of \(LiDARTimestampMode.allCases.map(\.rawValue).joined(separator: ", "))"
                ))
        }
        let model = self.model.lowercased()
        let velodyne = ["velodyne", "vlp", "hdl", "vls", "puck"].contains { model.contains($0) }
        if options?["metadataFile"] == nil && !velodyne && connection.udp != nil {
            out.append(
                RigProblem(
                    path: "\(path).options.metadataFile",
                    message:
                        "missing: an Ouster's packet layout comes from its metadata JSON (ouster-cli source … metadata)",
                    severity: .warning))
        }
        return out
    }
}
