// libFuzzer entry point for the GNSS decode path. Not part of any SwiftPM target: scripts/fuzz-gnss.sh compiles it
// together with the TaktCore sources into one module with `-sanitize=fuzzer,address` (see docs/fuzzing.md).

/// Feeds the input to `GNSSStreamDecoder` in chunks whose sizes come from the input's first byte, assembles epochs,
/// and traps if the frames do not reproduce the input byte for byte. Crashes, traps and sanitizer reports are
/// the findings.
@_cdecl("LLVMFuzzerTestOneInput")
public func gnssDecoderFuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
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
