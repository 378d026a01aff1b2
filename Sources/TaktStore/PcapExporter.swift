import Foundation
import TaktCore

/// `takt export pcap`: one sensor's packets across a whole session as one pcap, with its metadata JSON beside it
/// under the same base name (so ouster-sdk finds it). Segment order is the session's; records keep their order.
public enum PcapExporter {
    public struct Report: Sendable, Equatable {
        public var output: String
        public var metadata: String?
        public var segments: Int
        public var records: Int
        public var skippedTrailingBytes: Int
    }

    public static func run(session: String, sensor: String, output: String) throws(StoreError) -> Report {
        let relative = "data/lidar/lidar-\(sensor).pcap"
        let segments = try SegmentDirectory.all(inSession: session).filter { Posix.exists($0.path + "/" + relative) }
        guard !segments.isEmpty else {
            throw .invalidBundle(
                path: session, reason: "no segment holds \(relative) (is \(sensor) a lidar of this rig?)")
        }
        var joiner = PcapJoiner()
        var joined: [UInt8] = []
        for segment in segments {
            let path = segment.path + "/" + relative
            do {
                joined.append(contentsOf: try joiner.append(try FileIO.readAll(path), name: path))
            } catch let error as PcapJoinError {
                throw .invalidBundle(path: path, reason: error.description)
            } catch {
                throw error as? StoreError ?? .invalidBundle(path: path, reason: "\(error)")
            }
        }
        try FileIO.writeNew(output, joined)
        var metadataOut: String?
        let metadataIn = segments[0].path + "/data/lidar/lidar-\(sensor).json"
        if Posix.exists(metadataIn) {
            let target = (output.hasSuffix(".pcap") ? String(output.dropLast(5)) : output) + ".json"
            try FileIO.writeNew(target, try FileIO.readAll(metadataIn))
            metadataOut = target
        }
        return Report(
            output: output, metadata: metadataOut, segments: segments.count, records: joiner.records,
            skippedTrailingBytes: joiner.skippedTrailingBytes)
    }
}
