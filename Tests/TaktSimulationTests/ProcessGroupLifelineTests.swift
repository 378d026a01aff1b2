import Foundation
import Glibc
import Testing
@testable import TaktSimulation

/// A peer group started with `spawnEndingWithParent` must end itself when its lifeline closes, which is what the
/// kernel does when takt dies by SIGKILL (the crash-safety test checks that case end to end); and it must live
/// while the lifeline is held.
@Suite struct ProcessGroupLifelineTests {
    /// Members of process group `group` still alive (zombies excluded), read from /proc.
    static func liveMembers(of group: pid_t) -> [pid_t] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return names.compactMap { name -> pid_t? in
            guard let p = pid_t(name), let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { return nil }
            // After "pid (comm)": state, ppid, pgrp.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 2, fields[0] != "Z", pid_t(fields[2]) == group else { return nil }
            return p
        }
    }

    @Test func groupEndsWhenTheLifelineCloses() throws {
        let (pid, lifeline) = try ProcessGroup.spawnEndingWithParent(["/bin/sleep", "300"], output: "/dev/null")
        defer { kill(-pid, SIGKILL) }
        // The shell and its sleep are both in the group while the lifeline is held.
        var members: [pid_t] = []
        for _ in 0..<100 where members.count < 2 {
            members = Self.liveMembers(of: pid)
            usleep(20_000)
        }
        #expect(members.count == 2)
        usleep(200_000)
        #expect(Self.liveMembers(of: pid).count == 2)

        close(lifeline)
        var status: Int32 = 0
        var reaped = false
        for _ in 0..<250 where !reaped {
            reaped = waitpid(pid, &status, WNOHANG) == pid
            if !reaped { usleep(20_000) }
        }
        #expect(reaped)
        // The shell signalled its group: the sleep (reparented, reaped by init) is gone too.
        var left = Self.liveMembers(of: pid)
        for _ in 0..<250 where !left.isEmpty {
            usleep(20_000)
            left = Self.liveMembers(of: pid)
        }
        #expect(left.isEmpty, "group \(pid) still has \(left) after its lifeline closed")
    }
}
