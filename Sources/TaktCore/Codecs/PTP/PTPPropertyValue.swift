/// A device property value as returned by GetDevicePropValue, for the integer types Takt reads (battery level,
/// capture status). PTP datatype codes: 0x0001 INT8, 0x0002 UINT8, 0x0003 INT16, 0x0004 UINT16, 0x0005 INT32,
/// 0x0006 UINT32.
public enum PTPPropertyValue {
    /// Decodes `payload` as the unsigned integer of `dataType`; the payload must be exactly that wide.
    public static func integer(_ payload: [UInt8], dataType: UInt16) throws(PTPError) -> Int64 {
        var r = PTPDataReader(payload)
        let value: Int64
        switch dataType {
        case 0x0001: value = Int64(Int8(bitPattern: try r.u8("INT8")))
        case 0x0002: value = Int64(try r.u8("UINT8"))
        case 0x0003: value = Int64(Int16(bitPattern: try r.u16("INT16")))
        case 0x0004: value = Int64(try r.u16("UINT16"))
        case 0x0005: value = Int64(Int32(bitPattern: try r.u32("INT32")))
        case 0x0006: value = Int64(try r.u32("UINT32"))
        default: throw .unsupportedDataType(dataType)
        }
        try r.finish("property value")
        return value
    }
}
