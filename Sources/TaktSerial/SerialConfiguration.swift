/// Line settings for a receiver port. GNSS receivers use 8N1 without flow control; only the speed varies.
public struct SerialConfiguration: Hashable, Sendable, Codable {
    public var baudRate: Int
    /// Timeout of one blocking read; bounds how fast the reader notices `shutdown()` or an idle dead device.
    public var readTimeoutMilliseconds: Int

    public init(baudRate: Int = 115_200, readTimeoutMilliseconds: Int = 200) {
        self.baudRate = baudRate
        self.readTimeoutMilliseconds = readTimeoutMilliseconds
    }
}
