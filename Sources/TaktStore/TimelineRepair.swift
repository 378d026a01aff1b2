import TaktCore

/// Repairs `timeline.mcap` of a crashed segment. Placeholder until the MCAP library lands: the file is kept as is
/// and the note says it was not checked.
enum TimelineRepair {
    struct Outcome {
        var loss: SegmentLoss?
        var notes: [String]
        var records: Int
    }

    static func repair(path: String, bagPath: String) throws(StoreError) -> Outcome {
        Outcome(loss: nil, notes: ["\(bagPath): MCAP repair not available in this build; file kept as written"], records: 0)
    }
}
