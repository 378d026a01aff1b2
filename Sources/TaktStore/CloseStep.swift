/// One step of the atomic segment close, in the order it happens. Exposed so tests (and logs) can check that the
/// order is exactly: payload fdatasync → tag files via temp + rename → tagmanifest last → fsync dir → remove .lock.
public enum CloseStep: Equatable, Sendable {
    case payloadSynced(path: String)
    case tagFileRenamed(name: String)
    case directorySynced
    case lockRemoved
}
