/// Sans-I/O reassembly of PTP containers from bulk-IN transfers: push each completed transfer with `append(_:)`,
/// pull containers with `next()`.
///
///     var decoder = PTPContainerDecoder()
///     decoder.append(transferBytes)
///     while let container = try decoder.next() { … }   // a thrown error is one counted garbage transfer
///
/// A device starts every container at the beginning of a transfer (the container before it ended with a short or
/// exact-length packet), and may split one container over many transfers. So a transfer that arrives at a
/// container boundary must begin with a complete, valid 12-byte header; if it does not, the whole transfer is
/// garbage: it is reported once as an error, its bytes are counted in `discardedBytes`, and decoding resumes at the
/// next transfer. Nothing here can be driven into a crash or an unbounded allocation by the device.
public struct PTPContainerDecoder: Sendable {
    /// Containers larger than this are rejected as garbage. A Theta JPEG is ~5–15 MiB and a Z1 RAW (DNG) ~30–50 MiB;
    /// 256 MiB leaves room without trusting any length a device sends.
    public let maximumLength: Int
    /// Bytes thrown away as garbage since creation.
    public private(set) var discardedBytes = 0

    private var partial: (header: PTPContainerHeader, body: [UInt8])?
    private var ready: [Result<PTPContainer, PTPError>] = []
    private var readIndex = 0

    public init(maximumLength: Int = 256 << 20) { self.maximumLength = maximumLength }

    /// True while a container has been started but not finished.
    public var isMidContainer: Bool { partial != nil }

    /// Feeds one bulk-IN transfer.
    public mutating func append(_ transfer: [UInt8]) {
        var slice = transfer[...]
        while !slice.isEmpty {
            if var current = partial.take() {
                // `take()` leaves `current` the only owner of the body buffer, so appending never copies it.
                let take = min(current.header.length - PTPContainer.headerLength - current.body.count, slice.count)
                current.body += slice.prefix(take)
                slice = slice.dropFirst(take)
                if current.body.count + PTPContainer.headerLength == current.header.length {
                    let finished = current
                    ready.append(
                        Result { () throws(PTPError) in try finished.header.container(body: finished.body[...]) }
                    )
                } else {
                    partial = current
                }
                continue
            }
            do throws(PTPError) {
                let header = try PTPContainerHeader(slice, maximumLength: maximumLength)
                slice = slice.dropFirst(PTPContainer.headerLength)
                partial = (header, [])
                // Reserve at most 4 MiB up front: a garbage header that happens to validate must not allocate the
                // whole limit before a single payload byte arrived.
                partial?.body.reserveCapacity(min(header.length - PTPContainer.headerLength, 4 << 20))
                if header.length == PTPContainer.headerLength {
                    partial = nil
                    ready.append(Result { () throws(PTPError) in try header.container(body: [][...]) })
                }
            } catch {
                discardedBytes += slice.count
                ready.append(.failure(error))
                slice = []
            }
        }
    }

    /// The next complete container; `nil` when more transfers are needed. Throws once per garbage transfer.
    public mutating func next() throws(PTPError) -> PTPContainer? {
        guard readIndex < ready.count else { return nil }
        let result = ready[readIndex]
        readIndex += 1
        if readIndex == ready.count {
            ready.removeAll(keepingCapacity: true)
            readIndex = 0
        }
        return try result.get()
    }

    /// Forgets a half-received container (after a transfer error or a device reset), counting its bytes.
    public mutating func reset() {
        if let partial { discardedBytes += PTPContainer.headerLength + partial.body.count }
        partial = nil
        ready.removeAll()
        readIndex = 0
    }
}
