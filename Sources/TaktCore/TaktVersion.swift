/// The version written into bundles, MCAP headers and status.
public enum TaktVersion {
    public static let string = "0.1.0"
}
