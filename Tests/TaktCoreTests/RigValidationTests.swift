import Testing
@testable import TaktCore

@Suite struct RigValidationTests {
    func rig() -> RigConfig {
        RigConfig(
            vehicleId: "GE-MMS1",
            sensors: [
                SensorConfig(id: "gnss0", kind: .gnss, model: "u-blox ZED-F9R",
                             connection: Connection(gpsd: GPSDEndpoint()), leverArmMeters: Vector3(x: 0, y: 0, z: 1.8)),
                SensorConfig(id: "os0", kind: .lidar, model: "Ouster OS1-64",
                             connection: Connection(udp: UDPEndpoint(ports: [7502, 7503])),
                             leverArmMeters: Vector3(x: 0.5, y: 0, z: 2.0)),
            ],
            output: OutputPolicy(directory: "/data/takt")
        )
    }

    @Test func validRigHasNoErrors() {
        #expect(rig().problems().filter { $0.severity == .error }.isEmpty)
    }

    @Test func everyProblemCarriesItsPath() {
        var r = rig()
        r.sensors[1].connection.udp?.ports = [7502, 70000]
        r.sensors[0].connection.serial = SerialEndpoint(device: "ttyACM0", baud: 12345)
        r.sensors.append(r.sensors[0])
        r.output.segmentSeconds = 0
        r.trigger = TriggerPolicy(spacingMeters: 5, cameraId: "cam9")
        let paths = Set(r.problems().filter { $0.severity == .error }.map(\.path))
        #expect(paths.isSuperset(of: [
            "sensors[1].connection.udp.ports[1]",
            "sensors[0].connection.serial.device",
            "sensors[0].connection.serial.baud",
            "sensors[2].id",
            "output.segmentSeconds",
            "trigger.cameraId",
        ]))
    }

    @Test func endpointMustSuitKind() {
        var r = rig()
        r.sensors[1].connection = Connection(gpsd: GPSDEndpoint())
        #expect(r.problems().contains { $0.path == "sensors[1].connection.gpsd" })
    }
}

@Suite struct TriggerPolicyValidationTests {
    @Test func positionsAndZonesAreChecked() {
        var r = RigConfig(vehicleId: "V", sensors: [], output: OutputPolicy(directory: "/d"))
        r.trigger = TriggerPolicy(
            positions: [TriggerPosition(latitude: 95, longitude: 0), TriggerPosition(latitude: 1, longitude: 2, radiusMeters: -1)],
            zones: [TriggerZone(polygon: [LatLon(latitude: 0, longitude: 0), LatLon(latitude: 1, longitude: 1)])])
        func triggerErrors() -> Set<String> {
            Set(r.problems().filter { $0.severity == .error && $0.path.hasPrefix("trigger") }.map(\.path))
        }
        #expect(triggerErrors() == ["trigger.positions[0]", "trigger.positions[1].radiusMeters", "trigger.zones[0].polygon"])
        r.trigger = TriggerPolicy(positions: [TriggerPosition(latitude: 46, longitude: 6)])
        #expect(triggerErrors().isEmpty, "positions alone are a valid policy")
    }
}
