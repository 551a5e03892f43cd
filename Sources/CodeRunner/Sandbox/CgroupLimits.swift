// Per-run memory/pids/cpu cgroups: v2 (unified) or v1 (one hierarchy per controller), detected at start.
// What is missing is reported in `missing`, and the sandbox falls back to rlimits for it.
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Glibc

/// The cgroup setup of this machine and the per-run groups created under it.
struct CgroupLimits: Sendable {
    enum Layout: Sendable { case v2(String), v1(memory: String?, pids: String?, cpuacct: String?), none }
    let layout: Layout
    let missing: [String]

    /// Detects the layout; creates a `flowrl` parent group in each usable hierarchy.
    static func detect() -> CgroupLimits {
        let fm = FileManager.default
        let root = "/sys/fs/cgroup"
        if getuid() != 0 { return CgroupLimits(layout: .none, missing: ["memory", "pids", "cpu (not root)"]) }
        if fm.fileExists(atPath: root + "/cgroup.controllers") {
            let parent = root + "/flowrl"
            try? fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
            _ = write(parent + "/cgroup.subtree_control", "+memory +pids +cpu")
            let have = (try? String(contentsOfFile: parent + "/cgroup.subtree_control", encoding: .utf8)) ?? ""
            let missing = ["memory", "pids", "cpu"].filter { !have.contains($0) }
            return CgroupLimits(layout: .v2(parent), missing: missing)
        }
        func hierarchy(_ name: String) -> String? {
            let dir = root + "/" + name
            guard fm.fileExists(atPath: dir + "/cgroup.procs") else { return nil }
            let parent = dir + "/flowrl"
            try? fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
            return fm.fileExists(atPath: parent + "/cgroup.procs") ? parent : nil
        }
        let memory = hierarchy("memory"), pids = hierarchy("pids"), cpu = hierarchy("cpuacct")
        var missing: [String] = []
        if memory == nil { missing.append("memory") }
        if pids == nil { missing.append("pids") }
        if cpu == nil { missing.append("cpuacct") }
        if memory == nil && pids == nil && cpu == nil { return CgroupLimits(layout: .none, missing: missing) }
        return CgroupLimits(layout: .v1(memory: memory, pids: pids, cpuacct: cpu), missing: missing)
    }

    var hasMemory: Bool {
        switch layout {
        case .v2: return !missing.contains("memory")
        case .v1(let m, _, _): return m != nil
        case .none: return false
        }
    }

    @discardableResult
    static func write(_ path: String, _ value: String) -> Bool {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return value.withCString { Glibc.write(fd, $0, strlen($0)) } >= 0
    }

    static func read(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }

    /// One run's groups.
    struct Run {
        var directories: [String]
        var procsFiles: [String]
        var memoryEvents: String?
        var oomControl: String?
        var cpuUsage: String?
        var cpuStat: String?
    }

    /// Creates fresh groups for one run with the given limits.
    func makeRun(name: String, memoryBytes: Int, pids: Int) -> Run {
        var run = Run(directories: [], procsFiles: [])
        let fm = FileManager.default
        switch layout {
        case .none: break
        case .v2(let parent):
            let dir = parent + "/" + name
            guard (try? fm.createDirectory(atPath: dir, withIntermediateDirectories: false)) != nil else { break }
            Self.write(dir + "/memory.max", String(memoryBytes))
            Self.write(dir + "/memory.swap.max", "0")
            Self.write(dir + "/pids.max", String(pids))
            run.directories = [dir]
            run.procsFiles = [dir + "/cgroup.procs"]
            run.memoryEvents = dir + "/memory.events"
            run.cpuStat = dir + "/cpu.stat"
        case .v1(let memory, let pidsRoot, let cpu):
            if let memory, (try? fm.createDirectory(atPath: memory + "/" + name, withIntermediateDirectories: false)) != nil {
                let dir = memory + "/" + name
                Self.write(dir + "/memory.limit_in_bytes", String(memoryBytes))
                Self.write(dir + "/memory.memsw.limit_in_bytes", String(memoryBytes))
                run.directories.append(dir)
                run.procsFiles.append(dir + "/cgroup.procs")
                run.oomControl = dir + "/memory.oom_control"
            }
            if let pidsRoot, (try? fm.createDirectory(atPath: pidsRoot + "/" + name, withIntermediateDirectories: false)) != nil {
                let dir = pidsRoot + "/" + name
                Self.write(dir + "/pids.max", String(pids))
                run.directories.append(dir)
                run.procsFiles.append(dir + "/cgroup.procs")
            }
            if let cpu, (try? fm.createDirectory(atPath: cpu + "/" + name, withIntermediateDirectories: false)) != nil {
                let dir = cpu + "/" + name
                run.directories.append(dir)
                run.procsFiles.append(dir + "/cgroup.procs")
                run.cpuUsage = dir + "/cpuacct.usage"
            }
        }
        return run
    }
}

extension CgroupLimits.Run {
    /// True when the kernel OOM-killed a process of this run.
    var oomKilled: Bool {
        for file in [memoryEvents, oomControl].compactMap({ $0 }) {
            for line in CgroupLimits.read(file).split(separator: "\n") {
                let parts = line.split(separator: " ")
                if parts.count == 2, parts[0] == "oom_kill", let n = Int(parts[1]), n > 0 { return true }
            }
        }
        return false
    }

    /// CPU seconds used by the run so far, when a cpu controller is present.
    var cpuSeconds: Double? {
        if let f = cpuUsage, let ns = Double(CgroupLimits.read(f).filter { !$0.isWhitespace }) { return ns / 1e9 }
        if let f = cpuStat {
            for line in CgroupLimits.read(f).split(separator: "\n") where line.hasPrefix("usage_usec ") {
                if let us = Double(line.dropFirst(11)) { return us / 1e6 }
            }
        }
        return nil
    }

    /// Removes the groups (after every process in them is gone), retrying briefly.
    func remove() {
        for dir in directories {
            for _ in 0..<200 {
                if rmdir(dir) == 0 || errno == ENOENT { break }
                for pid in CgroupLimits.read(dir + "/cgroup.procs").split(separator: "\n").compactMap({ Int32($0) }) {
                    kill(pid, SIGKILL)
                }
                usleep(1000)
            }
        }
    }
}
