import Testing
import TaktCore

/// Lever-arm rotation on cases whose answer is known by inspection.
@Suite struct LeverArmTests {
    func close(_ a: ENU, _ e: Double, _ n: Double, _ u: Double) -> Bool {
        abs(a.east - e) < 1e-12 && abs(a.north - n) < 1e-12 && abs(a.up - u) < 1e-12
    }

    @Test func axesMapAsExpected() {
        #expect(close(LeverArm.enuOffset(Vector3(x: 1, y: 0, z: 0), headingDegrees: 90), 1, 0, 0), "forward, facing east")
        #expect(close(LeverArm.enuOffset(Vector3(x: 0, y: 1, z: 0), headingDegrees: 0), -1, 0, 0), "left, facing north")
        #expect(close(LeverArm.enuOffset(Vector3(x: 0, y: 0, z: 1), headingDegrees: 37), 0, 0, 1), "up stays up")
        #expect(close(LeverArm.enuOffset(Vector3(x: 1, y: 0, z: 0), headingDegrees: 0, pitchDegrees: 90), 0, 0, 1), "nose up")
        #expect(close(LeverArm.enuOffset(Vector3(x: 0, y: 0, z: 1), headingDegrees: 0, rollDegrees: 90), 1, 0, 0), "right side down tips the mast to the right: east")
    }

    @Test func offsetLengthIsPreserved() {
        let o = LeverArm.enuOffset(Vector3(x: 0.3, y: -0.2, z: 1.7), headingDegrees: 211, pitchDegrees: 3, rollDegrees: -4)
        #expect(abs(o.norm - (0.09 + 0.04 + 2.89).squareRoot()) < 1e-12)
    }
}

/// Camera attitude = vehicle ∘ boresight, on cases worked by hand.
@Suite struct MountedAttitudeTests {
    func near(_ a: (heading: Double, pitch: Double, roll: Double), _ h: Double, _ p: Double, _ r: Double) -> Bool {
        abs(a.heading - h) < 1e-9 && abs(a.pitch - p) < 1e-9 && abs(a.roll - r) < 1e-9
    }

    @Test func yawOnlyBoresightAdds() {
        let a = MountedAttitude.compose(vehicleHeading: 300, vehiclePitch: 0, vehicleRoll: 0, boresight: Attitude(roll: 0, pitch: 0, yaw: 90))
        #expect(near(a, 30, 0, 0))
    }

    @Test func sidewaysCameraTurnsVehiclePitchIntoRoll() {
        // Nose up 10°, camera looking right: level camera, rolled right side down by 10°.
        let a = MountedAttitude.compose(vehicleHeading: 0, vehiclePitch: 10, vehicleRoll: 0, boresight: Attitude(roll: 0, pitch: 0, yaw: 90))
        #expect(near(a, 90, 0, 10))
    }

    @Test func identityBoresightKeepsTheVehicleAttitude() {
        let a = MountedAttitude.compose(vehicleHeading: 123.4, vehiclePitch: -3.5, vehicleRoll: 2.25, boresight: Attitude(roll: 0, pitch: 0, yaw: 0))
        #expect(near(a, 123.4, -3.5, 2.25))
    }
}
