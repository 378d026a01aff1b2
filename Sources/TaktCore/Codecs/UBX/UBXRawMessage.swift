/// A UBX message Takt does not interpret (or could not): class, id and payload, kept verbatim.
public struct UBXRawMessage: Hashable, Sendable, Codable {
    public var messageClass: UInt8
    public var id: UInt8
    public var payload: [UInt8]

    public init(messageClass: UInt8, id: UInt8, payload: [UInt8]) {
        self.messageClass = messageClass
        self.id = id
        self.payload = payload
    }
}
