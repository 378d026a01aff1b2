/// Where a camera's image for trigger `seq` lives in a segment's `data/`: `img/<cam>/<seq>.jpg`, seq zero-padded to
/// six digits so a directory listing sorts in trigger order.
public enum CameraImageFile {
    public static func path(camera: String, seq: UInt32) -> String {
        let digits = String(seq)
        return "img/\(camera)/" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits + ".jpg"
    }
}
