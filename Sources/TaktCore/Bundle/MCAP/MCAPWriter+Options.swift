extension MCAPWriter {
    /// What the writer emits. The defaults are Takt's: chunked (one CRC per chunk, so a crash or a flipped bit
    /// loses one chunk), every index, statistics, summary offsets, schemas and channels repeated in the summary,
    /// record CRCs and the data-section CRC on, 1 MiB chunks (the owner also closes chunks after 1 s).
    public struct Options: Sendable, Equatable {
        public var useChunking = true
        public var useMessageIndex = true
        public var useChunkIndex = true
        public var useStatistics = true
        public var useSummaryOffsets = true
        public var useAttachmentIndex = true
        public var useMetadataIndex = true
        public var repeatSchemas = true
        public var repeatChannels = true
        /// Chunk, attachment and summary CRCs.
        public var enableCRCs = true
        /// The Data End record's CRC over the whole data section.
        public var enableDataCRC = true
        /// A chunk is closed once its records exceed this many bytes.
        public var chunkSize = 1 << 20

        public init() {}

        /// Takt's recording configuration (the defaults, named for call sites).
        public static let takt = Options()
    }
}
