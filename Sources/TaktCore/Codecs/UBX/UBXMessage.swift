/// A checksum-valid UBX message, decoded into a typed struct for the messages Takt uses.
///
/// Everything else is `.other` (counted and passed through raw, so PPK tools still see it in the `.ubx` file);
/// a known message with an impossible payload is `.malformed`, a counted error rather than a crash.
public enum UBXMessage: Hashable, Sendable, Codable {
    case navPVT(UBXNavPVT)
    case navTimeGPS(UBXNavTimeGPS)
    /// Legacy epoch messages (u-blox 5–8 without NAV-PVT), beyond the minimum set because the gpsd corpus has
    /// timing receivers that only send these.
    case navSol(UBXNavSol)
    case navPosLLH(UBXNavPosLLH)
    case navStatus(UBXNavStatus)
    /// NAV-EOE (0x01 0x61): end of the navigation epoch; carries only iTOW.
    case navEOE(iTOWMilliseconds: UInt32)
    case timTP(UBXTimTP)
    case timTM2(UBXTimTM2)
    case esfRaw(UBXEsfRaw)
    case esfMeas(UBXEsfMeas)
    case esfIns(UBXEsfIns)
    case hnrPVT(UBXHnrPVT)
    case rxmRawx(UBXRxmRawx)
    case rxmSfrbx(UBXRxmSfrbx)
    case other(UBXRawMessage)
    case malformed(UBXRawMessage, UBXDecodeError)

    /// Decodes one message from its class, id and payload (as framed by `UBXFrame`).
    public static func decode(messageClass: UInt8, id: UInt8, payload: [UInt8]) -> UBXMessage {
        let raw = UBXRawMessage(messageClass: messageClass, id: id, payload: payload)
        do throws(UBXDecodeError) {
            switch (messageClass, id) {
            case (0x01, 0x07): return .navPVT(try UBXNavPVT(payload: payload))
            case (0x01, 0x20): return .navTimeGPS(try UBXNavTimeGPS(payload: payload))
            case (0x01, 0x06): return .navSol(try UBXNavSol(payload: payload))
            case (0x01, 0x02): return .navPosLLH(try UBXNavPosLLH(payload: payload))
            case (0x01, 0x03): return .navStatus(try UBXNavStatus(payload: payload))
            case (0x01, 0x61):
                try require(payload, 0x01, 0x61, length: 4)
                return .navEOE(iTOWMilliseconds: UBXPayloadReader(bytes: payload).u4(0))
            case (0x0D, 0x01): return .timTP(try UBXTimTP(payload: payload))
            case (0x0D, 0x03): return .timTM2(try UBXTimTM2(payload: payload))
            case (0x10, 0x03): return .esfRaw(try UBXEsfRaw(payload: payload))
            case (0x10, 0x02): return .esfMeas(try UBXEsfMeas(payload: payload))
            case (0x10, 0x15): return .esfIns(try UBXEsfIns(payload: payload))
            case (0x28, 0x00): return .hnrPVT(try UBXHnrPVT(payload: payload))
            case (0x02, 0x15): return .rxmRawx(try UBXRxmRawx(payload: payload))
            case (0x02, 0x13): return .rxmSfrbx(try UBXRxmSfrbx(payload: payload))
            default: return .other(raw)
            }
        } catch {
            return .malformed(raw, error)
        }
    }

    /// Checks a fixed payload length.
    static func require(_ payload: [UInt8], _ cls: UInt8, _ id: UInt8, length: Int) throws(UBXDecodeError) {
        guard payload.count == length else {
            throw .badLength(messageClass: cls, id: id, expected: length, actual: payload.count)
        }
    }

    /// Checks a minimum payload length (messages that grew trailing fields across protocol versions).
    static func require(_ payload: [UInt8], _ cls: UInt8, _ id: UInt8, atLeast length: Int) throws(UBXDecodeError) {
        guard payload.count >= length else {
            throw .badLength(messageClass: cls, id: id, expected: length, actual: payload.count)
        }
    }
}
