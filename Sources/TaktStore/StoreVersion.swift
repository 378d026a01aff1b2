/// The writer string recorded in `session.json`, `segment.json` and `Bag-Software-Agent`.
public enum StoreVersion {
    public static let writer = "takt-store/0.1.0"
}
