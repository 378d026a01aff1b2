/// A sensor's attitude in the local level frame from the vehicle attitude and the rig's boresight.
///
/// Both are taken in the aerospace convention (heading/yaw clockwise from north, pitch nose-up, roll right side
/// down; C = Rz(yaw)·Ry(pitch)·Rx(roll)), so the camera's rotation is C_vehicle · C_boresight and its Euler
/// angles come back out of that product. For a level vehicle or a yaw-only boresight this is plain addition;
/// for a tilted mount on a pitching vehicle it is not, which is why export composes rather than adds.
public enum MountedAttitude {
    public static func compose(
        vehicleHeading: Double, vehiclePitch: Double, vehicleRoll: Double, boresight: Attitude
    ) -> (heading: Double, pitch: Double, roll: Double) {
        let a = matrix(yaw: vehicleHeading, pitch: vehiclePitch, roll: vehicleRoll)
        let b = matrix(yaw: boresight.yaw, pitch: boresight.pitch, roll: boresight.roll)
        var c = [[Double]](repeating: [0, 0, 0], count: 3)
        for i in 0..<3 {
            for j in 0..<3 { c[i][j] = a[i][0] * b[0][j] + a[i][1] * b[1][j] + a[i][2] * b[2][j] }
        }
        var heading = Trig.degrees(WGS84.atan2(c[1][0], c[0][0]))
        if heading < 0 { heading += 360 }
        let horizontal = (c[0][0] * c[0][0] + c[1][0] * c[1][0]).squareRoot()
        let pitch = Trig.degrees(WGS84.atan2(-c[2][0], horizontal))
        let roll = Trig.degrees(WGS84.atan2(c[2][1], c[2][2]))
        return (heading >= 360 ? heading - 360 : heading, pitch, roll)
    }

    static func matrix(yaw: Double, pitch: Double, roll: Double) -> [[Double]] {
        let (sy, cy) = Trig.sinCos(Trig.radians(yaw))
        let (sp, cp) = Trig.sinCos(Trig.radians(pitch))
        let (sr, cr) = Trig.sinCos(Trig.radians(roll))
        return [
            [cy * cp, cy * sp * sr - sy * cr, cy * sp * cr + sy * sr],
            [sy * cp, sy * sp * sr + cy * cr, sy * sp * cr - cy * sr],
            [-sp, cp * sr, cp * cr],
        ]
    }
}
