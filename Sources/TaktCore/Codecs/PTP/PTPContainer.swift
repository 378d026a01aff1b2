/// One PTP container as carried on the USB bulk and interrupt pipes (ISO 15740 Annex D): a 12-byte little-endian
/// header (length u32, type u16, code u16, transaction id u32) followed by u32 parameters (command, response,
/// event) or an opaque payload (data).
public struct PTPContainer: Hashable, Sendable {
    /// The fixed header size; the length field counts it.
    public static let headerLength = 12

    public var type: PTPContainerType
    public var code: UInt16
    public var transactionID: UInt32
    /// Parameters of a command, response or event container; empty for data containers.
    public var parameters: [UInt32]
    /// The payload of a data container; empty otherwise.
    public var payload: [UInt8]

    public init(
        type: PTPContainerType,
        code: UInt16,
        transactionID: UInt32,
        parameters: [UInt32] = [],
        payload: [UInt8] = []
    ) {
        self.type = type
        self.code = code
        self.transactionID = transactionID
        self.parameters = parameters
        self.payload = payload
    }

    /// The value of the length field this container encodes to.
    public var encodedLength: Int { Self.headerLength + (type == .data ? payload.count : 4 * parameters.count) }

    /// The wire bytes. Callers that build containers from their own values keep within the type's limits;
    /// `PTPSession` does so for every container it emits.
    public func encoded() -> [UInt8] {
        var writer = PTPDataWriter()
        writer.reserve(encodedLength)
        writer.u32(UInt32(truncatingIfNeeded: encodedLength))
        writer.u16(type.rawValue)
        writer.u16(code)
        writer.u32(transactionID)
        if type == .data {
            writer.append(payload)
        } else {
            for p in parameters { writer.u32(p) }
        }
        return writer.bytes
    }

    /// Decodes exactly one container occupying all of `bytes` (one interrupt transfer, or one reassembled bulk
    /// container). Every length is checked against `bytes` and `maximumLength`.
    public static func decode(_ bytes: some Collection<UInt8>, maximumLength: Int = 1 << 30) throws(PTPError) -> Self {
        let array = Array(bytes)
        let header = try PTPContainerHeader(array[...], maximumLength: maximumLength)
        guard header.length == array.count else {
            if header.length > array.count {
                throw .truncated(field: "container", offset: 0, needed: header.length, available: array.count)
            }
            throw .trailingBytes(dataset: "container", count: array.count - header.length)
        }
        return try header.container(body: array[headerLength...])
    }
}

/// A validated container header: the part a stream decoder needs to know how many bytes to wait for.
public struct PTPContainerHeader: Hashable, Sendable {
    public var length: Int
    public var type: PTPContainerType
    public var code: UInt16
    public var transactionID: UInt32

    /// Reads and validates the 12 header bytes at the start of `bytes`.
    public init(_ bytes: ArraySlice<UInt8>, maximumLength: Int) throws(PTPError) {
        var reader = PTPDataReader(bytes)
        let declared = try reader.u32("container length")
        let rawType = try reader.u16("container type")
        code = try reader.u16("container code")
        transactionID = try reader.u32("transaction id")
        guard declared >= PTPContainer.headerLength, Int(declared) <= maximumLength else {
            throw .badContainerLength(declared: declared, limit: maximumLength)
        }
        guard let type = PTPContainerType(rawValue: rawType) else { throw .unknownContainerType(rawType) }
        let bodyLength = Int(declared) - PTPContainer.headerLength
        if type != .data, bodyLength % 4 != 0 || bodyLength / 4 > type.maximumParameterCount {
            throw .badParameterBlock(type: type, byteCount: bodyLength)
        }
        self.length = Int(declared)
        self.type = type
    }

    /// Builds the container from its body (exactly `length - 12` bytes).
    func container(body: ArraySlice<UInt8>) throws(PTPError) -> PTPContainer {
        if type == .data {
            return PTPContainer(type: .data, code: code, transactionID: transactionID, payload: Array(body))
        }
        var reader = PTPDataReader(body)
        var parameters: [UInt32] = []
        while !reader.isAtEnd { parameters.append(try reader.u32("parameter")) }
        return PTPContainer(type: type, code: code, transactionID: transactionID, parameters: parameters)
    }
}
