/// Moves a pose from the navigation reference point to a sensor: the lever arm (vehicle frame: x forward,
/// y left, z up, metres) rotated by the vehicle attitude into local east/north/up.
///
/// Uses the aerospace convention (body FRD, navigation NED, C = Rz(heading)·Ry(pitch)·Rx(roll), pitch nose-up
/// positive, roll right-side-down positive), so a 1.2 m mast under 2° of pitch moves the camera 4 cm — more
/// than the trigger spacing error, which is why export applies it rather than tagging the INS position.
public enum LeverArm {
    public static func enuOffset(_ arm: Vector3, headingDegrees: Double, pitchDegrees: Double = 0, rollDegrees: Double = 0)
        -> ENU
    {
        let (sy, cy) = Trig.sinCos(Trig.radians(headingDegrees))
        let (sp, cp) = Trig.sinCos(Trig.radians(pitchDegrees))
        let (sr, cr) = Trig.sinCos(Trig.radians(rollDegrees))
        // Vehicle (x fwd, y left, z up) → body FRD.
        let b = (arm.x, -arm.y, -arm.z)
        // Rx(roll)
        let r1 = (b.0, cr * b.1 - sr * b.2, sr * b.1 + cr * b.2)
        // Ry(pitch)
        let r2 = (cp * r1.0 + sp * r1.2, r1.1, -sp * r1.0 + cp * r1.2)
        // Rz(heading) → NED
        let n = cy * r2.0 - sy * r2.1
        let e = sy * r2.0 + cy * r2.1
        let d = r2.2
        return ENU(east: e, north: n, up: -d)
    }

    /// `position` moved by the lever arm under the given attitude.
    public static func apply(
        _ arm: Vector3, to position: GeodeticPoint, headingDegrees: Double, pitchDegrees: Double = 0,
        rollDegrees: Double = 0
    ) -> GeodeticPoint {
        let offset = enuOffset(arm, headingDegrees: headingDegrees, pitchDegrees: pitchDegrees, rollDegrees: rollDegrees)
        return LocalTangentPlane(origin: position).geodetic(of: offset)
    }
}
