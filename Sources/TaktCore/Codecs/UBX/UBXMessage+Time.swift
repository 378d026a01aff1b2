extension UBXRxmRawx {
    /// GPS − UTC when the receiver has determined it (recStat bit 0), else nil.
    public var leapSecondsIfKnown: Int? { receiverStatus & 0x01 != 0 ? Int(leapSeconds) : nil }
}

extension UBXNavPVT {
    /// The epoch as GPS time, from the UTC date/time fields (incl. the signed `nano` correction) and GPS − UTC.
    /// Nil when the receiver flags date or time as invalid or the fields are out of range. Uses the epoch
    /// assembler's UTC conversion so the daemon and `takt decode` agree on every epoch.
    public func gpsTime(leapSeconds: Int) -> GPSTime? {
        guard validDate, validTime,
            let utc = GNSSEpochAssembler.utc(year, month, day, hour, minute, second, nanoseconds)
        else { return nil }
        return GPSTime(unixUTCNanoseconds: utc, leapSeconds: leapSeconds)
    }
}
