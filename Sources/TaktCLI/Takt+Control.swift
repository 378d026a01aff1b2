public import ArgumentParser
import TaktCore
import TaktDaemon

/// Sends one control command and reports the daemon's answer.
func sendControl(_ request: ControlRequest, options: DaemonOptions) throws {
    let response: ControlResponse
    do {
        response = try ControlClient(path: options.socketPath).send(request)
    } catch {
        printError("takt \(request.command.rawValue): \(error)")
        throw ExitCode(TaktExit.daemonUnavailable)
    }
    guard response.ok else {
        printError("takt \(request.command.rawValue): \(response.error ?? "refused")")
        throw ExitCode(TaktExit.checkFailed)
    }
    if let s = response.status {
        print("\(request.command.rawValue): ok, now \(s.recording.state.rawValue)")
    } else {
        print("\(request.command.rawValue): ok")
    }
}

extension Takt {
    public struct Start: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(abstract: "Start recording (a new session).")
        @OptionGroup var daemon: DaemonOptions
        public init() {}
        public func run() async throws { try sendControl(ControlRequest(command: .start), options: daemon) }
    }

    public struct Stop: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Stop recording: close the open segment and the session cleanly.")
        @OptionGroup var daemon: DaemonOptions
        public init() {}
        public func run() async throws { try sendControl(ControlRequest(command: .stop), options: daemon) }
    }

    public struct Pause: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Pause recording (the session stays open; the pause is recorded).")
        @OptionGroup var daemon: DaemonOptions
        public init() {}
        public func run() async throws { try sendControl(ControlRequest(command: .pause), options: daemon) }
    }

    public struct Resume: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(abstract: "Resume a paused recording.")
        @OptionGroup var daemon: DaemonOptions
        public init() {}
        public func run() async throws { try sendControl(ControlRequest(command: .resume), options: daemon) }
    }

    public struct Mark: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Put an operator mark with text on the timeline (e.g. \"road works, lane closed\").")
        @OptionGroup var daemon: DaemonOptions
        @Argument(help: "The text of the mark.") var text: String
        public init() {}
        public func validate() throws {
            if text.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("the mark text is empty") }
        }
        public func run() async throws { try sendControl(ControlRequest(command: .mark, text: text), options: daemon) }
    }
}

import Foundation
