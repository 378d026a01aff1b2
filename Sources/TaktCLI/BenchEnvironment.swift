import Foundation

/// What a throughput figure depends on, printed with it: the filesystem under the measured directory, the CPU
/// (with whether it hashes SHA-256 in hardware), the kernel, dd's version and the load when the run began (the
/// machine may be shared).
struct BenchEnvironment: Encodable {
    var filesystem: String
    var cpu: String
    var cores: Int
    var shaExtensions: Bool
    var kernel: String
    var dd: String
    var loadAverage: String

    static func probe(directory: String) -> BenchEnvironment {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model =
            cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }?
            .split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces) ?? "unknown"
        let flags = cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") } ?? ""
        return BenchEnvironment(
            filesystem: firstLine(["findmnt", "-n", "-o", "SOURCE,FSTYPE,OPTIONS", "-T", directory]),
            cpu: model, cores: ProcessInfo.processInfo.activeProcessorCount,
            shaExtensions: flags.split(separator: " ").contains("sha_ni"),
            kernel: firstLine(["uname", "-r"]), dd: firstLine(["dd", "--version"]),
            loadAverage: ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "")
                .split(separator: " ").prefix(3).joined(separator: " "))
    }

    var lines: [String] {
        [
            "filesystem: \(filesystem)",
            "cpu: \(cpu), \(cores) cores, SHA extensions \(shaExtensions ? "yes" : "no"); kernel \(kernel)",
            "\(dd); load average at start \(loadAverage)",
        ]
    }

    /// The first line a tool prints, or "unknown" when it cannot run.
    private static func firstLine(_ arguments: [String]) -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return "unknown" }
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return text.split(separator: "\n").first.map(String.init) ?? "unknown"
    }
}
