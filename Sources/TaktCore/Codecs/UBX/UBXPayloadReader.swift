/// Little-endian field access into a UBX payload whose length has already been checked.
///
/// Every decoder first validates the payload length against the message's layout (and repeated-block count), so
/// these reads are in bounds by construction; a shorter payload never reaches them.
struct UBXPayloadReader {
    let bytes: [UInt8]

    func u1(_ o: Int) -> UInt8 { bytes[o] }
    func i1(_ o: Int) -> Int8 { Int8(bitPattern: bytes[o]) }
    func u2(_ o: Int) -> UInt16 { UInt16(bytes[o]) | UInt16(bytes[o + 1]) << 8 }
    func i2(_ o: Int) -> Int16 { Int16(bitPattern: u2(o)) }
    func u4(_ o: Int) -> UInt32 {
        UInt32(bytes[o]) | UInt32(bytes[o + 1]) << 8 | UInt32(bytes[o + 2]) << 16 | UInt32(bytes[o + 3]) << 24
    }
    func i4(_ o: Int) -> Int32 { Int32(bitPattern: u4(o)) }
    func u8(_ o: Int) -> UInt64 { UInt64(u4(o)) | UInt64(u4(o + 4)) << 32 }
    func r4(_ o: Int) -> Float { Float(bitPattern: u4(o)) }
    func r8(_ o: Int) -> Double { Double(bitPattern: u8(o)) }
}
