/// Every exit code `takt` uses, in one place, so scripts can rely on them.
public enum TaktExit {
    public static let ok: Int32 = 0
    /// A check found a problem (verify: bundle unsound).
    public static let checkFailed: Int32 = 1
    /// Bad command-line usage (ArgumentParser's own code).
    public static let usage: Int32 = 64
    /// The rig file is missing, unreadable or invalid.
    public static let invalidRig: Int32 = 65
    /// Input data (bundle, log) could not be read.
    public static let badInput: Int32 = 66
    /// The daemon is not running or did not answer.
    public static let daemonUnavailable: Int32 = 69
    /// Internal error.
    public static let software: Int32 = 70
    /// Output could not be written (disk full, permissions).
    public static let cannotWrite: Int32 = 73
    /// Recording is running but not OK (status).
    public static let notOK: Int32 = 3
}
