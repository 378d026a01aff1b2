import ArgumentParser
import Testing

@testable import TaktCLI

@Suite("takt export pcap")
struct ExportPcapTests {
    @Test func helpText() {
        let help = Takt.helpMessage(for: Takt.Export.Pcap.self)
        #expect(help.contains("USAGE: takt export pcap <session> --sensor <sensor> [--output <output>]"), "\(help)")
        #expect(help.contains("ouster-sdk opens FILE directly"))
        #expect(Takt.helpMessage(for: Takt.Export.self).contains("pcap"))
    }

    @Test func refusesAnOutputInsideTheSession() {
        #expect(throws: (any Error).self) {
            try Takt.parseAsRoot(["export", "pcap", "/data/s1", "--sensor", "os0", "--output", "/data/s1/x.pcap"])
        }
        #expect(throws: (any Error).self) { try Takt.parseAsRoot(["export", "pcap", "/data/s1"]) }
    }
}
