/// The XMP packet (APP1 "http://ns.adobe.com/xap/1.0/") that marks a JPEG as a full equirectangular sphere with
/// its pose, in Google's GPano namespace: ProjectionType, UsePanoramaViewer, the full cropped-area set (Panoramax
/// rejects a partial one) and PoseHeading/Pitch/RollDegrees.
public enum GPanoXMP {
    public static let namespace = "http://ns.google.com/photos/1.0/panorama/"

    public static func packet(width: Int, height: Int, heading: Double?, pitch: Double?, roll: Double?) -> String {
        var attributes: [(String, String)] = [
            ("ProjectionType", "equirectangular"), ("UsePanoramaViewer", "True"),
            ("CroppedAreaImageWidthPixels", "\(width)"), ("CroppedAreaImageHeightPixels", "\(height)"),
            ("FullPanoWidthPixels", "\(width)"), ("FullPanoHeightPixels", "\(height)"),
            ("CroppedAreaLeftPixels", "0"), ("CroppedAreaTopPixels", "0"),
        ]
        if let heading, heading.isFinite { attributes.append(("PoseHeadingDegrees", FixedDecimal.format(ExifBlock.normalized(heading), digits: 6))) }
        if let pitch, pitch.isFinite { attributes.append(("PosePitchDegrees", FixedDecimal.format(pitch, digits: 6))) }
        if let roll, roll.isFinite { attributes.append(("PoseRollDegrees", FixedDecimal.format(roll, digits: 6))) }
        let body = attributes.map { "\n    GPano:\($0.0)=\"\($0.1)\"" }.joined()
        return """
            <?xpacket begin="\u{FEFF}" id="W5M0MpCehiHzreSzNTczkc9d"?>
            <x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="takt">
             <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
              <rdf:Description rdf:about=""
                xmlns:GPano="\(namespace)"\(body)/>
             </rdf:RDF>
            </x:xmpmeta>
            <?xpacket end="w"?>
            """
    }
}
