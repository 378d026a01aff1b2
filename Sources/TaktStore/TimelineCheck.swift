import TaktCore

/// Structure and CRC check of `timeline.mcap` with the streamed reader: magic, every record parses, chunk,
/// attachment, data-section and summary CRCs verify, the file ends with footer and magic, and the Statistics
/// record's message count equals the messages actually present.
enum TimelineCheck {
    struct Outcome {
        var problems: [String] = []
        var messages = 0
    }

    /// Streams the file at `path` through the reader.
    static func check(path: String) throws(StoreError) -> Outcome {
        var state = State()
        try FileIO.forEachChunk(path) { state.push($0) }
        return state.finish()
    }

    /// Checks bytes held in memory (recovery reads the timeline whole; it is small).
    static func check(bytes: [UInt8]) -> Outcome {
        var state = State()
        state.push(bytes)
        return state.finish()
    }

    private struct State {
        var reader = MCAPStreamedReader(validateCRCs: true)
        var outcome = Outcome()
        var failed = false
        var statisticsCount: UInt64?

        mutating func push(_ bytes: [UInt8]) {
            guard !failed else { return }
            reader.append(bytes)
            do {
                while let record = try reader.nextRecord() {
                    switch record {
                    case .message: outcome.messages += 1
                    case .statistics(let s): statisticsCount = s.messageCount
                    default: break
                    }
                }
            } catch {
                outcome.problems.append("MCAP: \(error)")
                failed = true
            }
        }

        func finish() -> Outcome {
            var o = outcome
            guard !failed else { return o }
            if !reader.isFinished {
                o.problems.append("MCAP ends at offset \(reader.offset) without footer and closing magic (cut short)")
            } else if let count = statisticsCount, count != UInt64(o.messages) {
                o.problems.append("MCAP Statistics counts \(count) messages but the file holds \(o.messages)")
            }
            return o
        }
    }
}
