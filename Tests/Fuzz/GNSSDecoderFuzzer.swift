// libFuzzer entry point for the GNSS decode path. Not part of any SwiftPM target: scripts/fuzz-gnss.sh compiles it
// together with the TaktCore sources into one module with `-sanitize=fuzzer,address` (see docs/fuzzing.md).

/// Feeds the input to `GNSSStreamDecoder` in chunks whose sizes come from the input's first byte, assembles epochs,
/// and traps if the frames do not reproduce the input byte for byte. Crashes, traps and sanitizer reports are
/// the findings.
///
/// Inputs whose first byte is 0xFF are structure-aware: bytes 1 and 2 are a UBX class and id, the rest the payload,
/// framed with a valid checksum (behind a fixed NAV-TIMEGPS), so libFuzzer can explore decoded field values, which
/// checksum-breaking byte mutation never reaches.
@_cdecl("LLVMFuzzerTestOneInput")
public func gnssDecoderFuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    if input.count >= 3 && input[0] == 0xFF {
        let timeGPS: [UInt8] = [0x10, 0x27, 0, 0, 0, 0, 0, 0, 0x4C, 0x08, 18, 0x07, 5, 0, 0, 0]
        let framed =
            UBXFrame.encode(messageClass: 0x01, id: 0x20, payload: timeGPS)
            + UBXFrame.encode(messageClass: input[1], id: input[2], payload: Array(input[3...].prefix(2048)))
        return decodeAndCheck(framed)
    }
    return decodeAndCheck(input)
}

private func decodeAndCheck(_ bytes: [UInt8]) -> Int32 {
    let size = bytes.count
    let chunk = max(1, Int(bytes.first ?? 1) % 64)
    var decoder = GNSSStreamDecoder(gpsfakeComments: size % 2 == 0)
    var assembler = GNSSEpochAssembler()
    var reproduced: [UInt8] = []
    reproduced.reserveCapacity(size)
    var i = 0
    repeat {
        let end = min(size, i + chunk)
        decoder.append(bytes[i..<end])
        i = end
        if i == size { decoder.finish() }
        while let frame = decoder.next() {
            reproduced += frame.raw
            _ = assembler.handle(frame)
        }
    } while i < size
    _ = assembler.finish()
    if reproduced != bytes || decoder.counters.totalBytes != size || decoder.bufferedByteCount != 0 {
        fatalError("byte-exactness violated: \(reproduced.count) of \(size) bytes reproduced")
    }
    return 0
}
