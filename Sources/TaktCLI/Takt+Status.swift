public import ArgumentParser
import Foundation
import Glibc
import TaktCore
import TaktDaemon

extension Takt {
    public struct Status: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Show the recording state at a glance (exit 0 only when recording is OK).",
            discussion: "Exit codes: 0 OK, 3 running but not OK, 69 no daemon answers."
        )
        @OptionGroup var daemon: DaemonOptions
        @Flag(help: "Print the status as JSON (schema: docs/status-schema.md).") var json = false
        @Flag(help: "Refresh every second until interrupted.") var watch = false

        public init() {}

        public func validate() throws {
            if json && watch { throw ValidationError("--json and --watch cannot be combined; poll --json instead") }
        }

        public func run() async throws {
            let client = ControlClient(path: daemon.socketPath)
            repeat {
                let response: ControlResponse
                do {
                    response = try client.send(ControlRequest(command: .status))
                } catch {
                    printError("takt status: \(error)")
                    throw ExitCode(TaktExit.daemonUnavailable)
                }
                guard let s = response.status else {
                    printError("takt status: \(response.error ?? "daemon sent no status")")
                    throw ExitCode(TaktExit.daemonUnavailable)
                }
                if json {
                    let enc = JSONEncoder()
                    enc.outputFormatting = [.sortedKeys, .prettyPrinted]
                    print(String(decoding: try enc.encode(s), as: UTF8.self))
                } else if watch {
                    print("\u{1B}[H\u{1B}[2J" + StatusRenderer.render(s, color: isatty(1) != 0))
                    try await Task.sleep(for: .seconds(1))
                } else {
                    print(StatusRenderer.render(s, color: isatty(1) != 0))
                }
                if !watch && !s.recording.ok { throw ExitCode(TaktExit.notOK) }
            } while watch
        }
    }
}

func printError(_ s: String) {
    FileHandle.standardError.write(Data((s + "\n").utf8))
}
