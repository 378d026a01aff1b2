/// Structure and CRC check of `timeline.mcap`. Placeholder until the MCAP library lands: reports nothing.
enum TimelineCheck {
    /// Problems found in the MCAP file at `path` (empty when sound).
    static func problems(path: String) throws(StoreError) -> [String] { [] }
}
