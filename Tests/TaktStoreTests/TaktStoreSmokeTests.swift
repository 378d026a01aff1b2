import Testing
import TaktCore
@testable import TaktStore
import Foundation

@Suite struct RigFileTests {
    @Test func decodingErrorsCarryTheirPath() throws {
        let json5 = """
        { rigFormat: 1, vehicleId: "X", output: { directory: "/tmp" },
          sensors: [ { id: "g", kind: "gnss", model: "m", connection: { gpsd: { host: "h", port: "nope" } } } ], }
        """
        do {
            _ = try RigFile.decode(Data(json5.utf8))
            Issue.record("decoding should fail")
        } catch {
            #expect(error.problems.first?.path == "sensors[0].connection.gpsd.port")
        }
    }
}
