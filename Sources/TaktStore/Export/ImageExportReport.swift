/// What `takt export images` did: images written, the pose table, and every exposure it could not publish.
public struct ImageExportReport: Sendable, Equatable {
    public var written: [String] = []
    public var posesCSV: String = ""
    /// "<segment> seq <n>: <reason>" for exposures left out.
    public var skipped: [String] = []
    /// Timelines that could not be read.
    public var problems: [String] = []

    public init() {}

    public var summary: String {
        var lines = ["exported \(written.count) images, pose table \(posesCSV)"]
        if !skipped.isEmpty { lines += ["skipped \(skipped.count):"] + skipped.map { "  " + $0 } }
        if !problems.isEmpty { lines += ["problems:"] + problems.map { "  " + $0 } }
        return lines.joined(separator: "\n")
    }
}
