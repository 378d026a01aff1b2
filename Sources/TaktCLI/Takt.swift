public import ArgumentParser

/// The `takt` command tree. Subcommands live in their own files as `extension Takt { struct … }`.
public struct Takt: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "takt",
        abstract: "Capture controller for mobile-mapping survey vehicles.",
        subcommands: [
            Run.self, Simulate.self, Status.self, Start.self, Stop.self, Pause.self, Resume.self, Mark.self, Verify.self, Recover.self, Inspect.self, Decode.self, Rig.self, Probe.self, Export.self, Bench.self,
        ]
    )
    public init() {}
}

/// Entry point used by the `takt` executable.
public enum TaktMain {
    public static func run() async {
        await Takt.main()
    }
}
