import ArgumentParser
import TaktCore
import TaktDaemon

/// The rig's LiDAR metadata files, or exit `invalidRig` with the sensor and path to fix.
func loadLiDARMetadata(_ rig: RigConfig, rigPath: String) throws -> [String: [UInt8]] {
    do {
        return try LiDARSensorSetup.metadataFiles(rig: rig, rigPath: rigPath)
    } catch {
        printError("takt: \(error)")
        throw ExitCode(TaktExit.invalidRig)
    }
}
