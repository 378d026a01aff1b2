public import TaktCore

extension UBXEncoder {
    /// UBX-TIM-TM2 for a rising edge on EXTINT0 at `rising` (GNSS time base, running mode), falling 1 ms later:
    /// what a u-blox receiver sends for a camera strobe or a trigger loop-back.
    public static func timTM2(count: UInt16, rising: GPSTime, accuracyNanoseconds: UInt32 = 20, timeValid: Bool = true)
        -> [UInt8]
    {
        let falling = rising + .milliseconds(1)
        var w = Writer()
        w.u1(0)
        // mode running, newFallingEdge, timeBase GNSS, UTC available, time valid, newRisingEdge.
        w.u1(0x01 | 0x04 | (1 << 3) | 0x20 | (timeValid ? 0x40 : 0) | 0x80)
        w.u2(count)
        w.u2(UInt16(truncatingIfNeeded: rising.week))
        w.u2(UInt16(truncatingIfNeeded: falling.week))
        w.u4(UInt32(rising.timeOfWeekNanoseconds / 1_000_000))
        w.u4(UInt32(rising.timeOfWeekNanoseconds % 1_000_000))
        w.u4(UInt32(falling.timeOfWeekNanoseconds / 1_000_000))
        w.u4(UInt32(falling.timeOfWeekNanoseconds % 1_000_000))
        w.u4(accuracyNanoseconds)
        return UBXFrame.encode(messageClass: 0x0D, id: 0x03, payload: w.bytes)
    }
}
