public import ArgumentParser
import Foundation
import TaktCore
import TaktStore

extension Takt {
    public struct Rig: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Work with rig definition files.",
            subcommands: [Check.self]
        )
        public init() {}
    }
}

extension Takt.Rig {
    public struct Check: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Validate a rig file and print every problem with its path in the file."
        )
        @Argument(help: "Rig file (JSON5), e.g. hw/rigs/sim.json5.")
        var file: String

        public init() {}

        public func run() async throws {
            let problems: [RigProblem]
            switch Result(catching: { () throws(RigFile.LoadError) in try RigFile.load(path: file) }) {
            case .success(let rig): problems = rig.problems()
            case .failure(let e): problems = e.problems
            }
            for p in problems { print("\(file): \(p)") }
            let errors = problems.filter { $0.severity == .error }.count
            if errors > 0 {
                print("\(file): \(errors) error(s)")
                throw ExitCode(TaktExit.invalidRig)
            }
            print("\(file): OK (\(problems.count) warning(s))")
        }
    }
}
