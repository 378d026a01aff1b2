import Foundation
import TaktCore

/// HDOP from the timeline's `takt.Sky` messages, nearest in time (within 2 s) to an exposure, for GPSDOP.
struct DOPLookup {
    private var samples: [(gpsNs: Int64, hdop: Double)] = []

    init(_ events: [MCAPMessageEvent]) {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        for e in events where e.schema?.name == TimelineSchema.sky.name {
            if let sky = try? decoder.decode(SkyMessage.self, from: Data(e.message.data)), let h = sky.hdop {
                samples.append((sky.gpsTimeNs, h))
            }
        }
        samples.sort { $0.gpsNs < $1.gpsNs }
    }

    func hdop(near gpsNs: Int64) -> Double? {
        let best = samples.min { abs($0.gpsNs - gpsNs) < abs($1.gpsNs - gpsNs) }
        guard let best, abs(best.gpsNs - gpsNs) <= 2_000_000_000 else { return nil }
        return best.hdop
    }
}
