/// Everything that can be wrong with bytes from a PTP device or with the order of a PTP exchange.
///
/// Bad input from the USB link becomes one of these (and a counted drop in the driver), never a crash. Each case
/// carries the numbers an operator or a bug report needs.
public enum PTPError: Error, Hashable, Sendable {
    /// Fewer bytes than a field needs: `needed` bytes at `offset`, only `available` left.
    case truncated(field: String, offset: Int, needed: Int, available: Int)
    /// A container header whose length field is below the 12-byte header or above the configured limit.
    case badContainerLength(declared: UInt32, limit: Int)
    /// A container type outside 1...4.
    case unknownContainerType(UInt16)
    /// A command, response or event container whose parameter block is not a whole number of u32s, or has too many.
    case badParameterBlock(type: PTPContainerType, byteCount: Int)
    /// A PTP string whose character count or UTF-16 content is invalid.
    case badString(offset: Int)
    /// An array whose element count cannot fit in the remaining bytes.
    case arrayTooLong(field: String, count: UInt32, available: Int)
    /// Bytes left over after a dataset was fully read (a device bug or a misread).
    case trailingBytes(dataset: String, count: Int)
    /// The container belongs to another transaction (stale, or a device out of sync).
    case unexpectedTransaction(expected: UInt32, got: UInt32)
    /// A container of the wrong type or code at this point of the transaction.
    case unexpectedContainer(type: PTPContainerType, code: UInt16, transactionID: UInt32)
    /// An operation was started while another was still waiting for its response.
    case transactionInProgress(operation: PTPOperationCode)
    /// An operation that needs a session was started without one.
    case sessionNotOpen(operation: PTPOperationCode)
    /// A device property value of a type Takt does not decode.
    case unsupportedDataType(UInt16)
}
