public import ArgumentParser

/// Where to find the daemon: shared by status and the control commands.
public struct DaemonOptions: ParsableArguments {
    @Option(name: .long, help: "Control socket of the daemon (default: $TAKT_SOCKET, else /run/takt/takt.sock).")
    public var socket: String?

    public init() {}

    public var socketPath: String {
        socket ?? ProcessInfo.processInfo.environment["TAKT_SOCKET"] ?? "/run/takt/takt.sock"
    }
}

import Foundation
