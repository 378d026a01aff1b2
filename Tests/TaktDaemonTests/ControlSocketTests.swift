import Foundation
import TaktCore
import Testing
@testable import TaktDaemon

@Suite struct ControlSocketTests {
    func snapshot(_ state: RecordingState) -> StatusSnapshot {
        StatusSnapshot(
            daemon: DaemonInfo(version: "t", pid: 1, vehicleId: "V", rigPath: "r", uptimeSeconds: 1, simulated: true),
            recording: RecordingStatus(state: state, ok: state == .recording),
            time: TimeStatus(provenance: .ppsLocked, locked: true, source: "test"))
    }

    @Test func statusAndControlRoundTrip() throws {
        let dir = try TestEnvironment.temporaryDirectory("sock")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("t.sock").path
        let seen = Locked<[ControlRequest.Command]>([])
        let server = try ControlServer(path: path, group: nil) { req, _ in
            seen.mutate { $0.append(req.command) }
            return ControlResponse(ok: true, status: self.snapshot(req.command == .stop ? .stopped : .recording))
        }
        defer { server.shutdown() }
        let client = ControlClient(path: path)
        let r1 = try client.send(ControlRequest(command: .status))
        #expect(r1.ok && r1.status?.recording.state == .recording)
        let r2 = try client.send(ControlRequest(command: .stop))
        #expect(r2.status?.recording.state == .stopped)
        let r3 = try client.send(ControlRequest(command: .mark, text: "bridge"))
        #expect(r3.ok)
        #expect(seen.value == [.status, .stop, .mark])
        // Socket is restricted: 0660.
        let attrs = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attrs[.posixPermissions] as? Int) == 0o660)
        // A second server refuses to steal a live socket.
        #expect(throws: ControlSocketError.alreadyServing(path)) {
            _ = try ControlServer(path: path, group: nil) { _, _ in ControlResponse(ok: true) }
        }
    }

    @Test func malformedRequestGetsAnErrorNotACrash() throws {
        let dir = try TestEnvironment.temporaryDirectory("sock2")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("t.sock").path
        let server = try ControlServer(path: path, group: nil) { _, _ in ControlResponse(ok: true) }
        defer { server.shutdown() }
        let r = try TestEnvironment.run("socat", ["-t", "2", "-", "UNIX-CONNECT:\(path)"], stdin: Data("this is not json\n".utf8))
        #expect(r.stdout.contains("malformed request"))
        // Still serving afterwards.
        #expect(try ControlClient(path: path).send(ControlRequest(command: .status)).ok)
    }

    @Test func noDaemonIsAClearError() {
        let err = #expect(throws: ControlSocketError.self) {
            _ = try ControlClient(path: "/nonexistent/takt.sock").send(ControlRequest(command: .status))
        }
        #expect(err?.description.contains("no takt daemon answers on /nonexistent/takt.sock") == true)
    }

    @Test func peersOutsideTheOperatorGroupMayNotControl() {
        #expect(ControlServer.mayControl(.init(pid: 1, uid: 0, gid: 0), operatorGID: nil))
        #expect(!ControlServer.mayControl(.init(pid: 1, uid: 54_321, gid: 54_321), operatorGID: nil))
        #expect(ControlServer.mayControl(.init(pid: 1, uid: 54_321, gid: 777), operatorGID: 777))
    }
}

/// A tiny lock-protected box for test bookkeeping across threads.
final class Locked<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var v: T
    init(_ v: T) { self.v = v }
    var value: T { lock.withLock { v } }
    func mutate(_ f: (inout T) -> Void) { lock.withLock { f(&v) } }
}
