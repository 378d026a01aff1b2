/// UBX-RXM-SFRBX (0x02 0x13): one broadcast navigation subframe, for the PPK/RINEX navigation file.
public struct UBXRxmSfrbx: Hashable, Sendable, Codable {
    public var gnssID: UInt8
    public var svID: UInt8
    /// Signal id (protocol 27+; reserved before).
    public var sigID: UInt8
    public var freqID: UInt8
    public var channel: UInt8
    public var version: UInt8
    public var words: [UInt32]

    /// Length must be 8 + 4·numWords.
    public init(payload p: [UInt8]) throws(UBXDecodeError) {
        try UBXMessage.require(p, 0x02, 0x13, atLeast: 8)
        let r = UBXPayloadReader(bytes: p)
        let n = Int(r.u1(4))
        guard p.count == 8 + 4 * n else {
            throw .badBlockCount(messageClass: 0x02, id: 0x13, count: n, payloadLength: p.count)
        }
        gnssID = r.u1(0)
        svID = r.u1(1)
        sigID = r.u1(2)
        freqID = r.u1(3)
        channel = r.u1(5)
        version = r.u1(6)
        words = (0..<n).map { r.u4(8 + 4 * $0) }
    }
}
