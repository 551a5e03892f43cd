// Per-slot memory/pids/cpu cgroups on cgroup v1, v2 or a hybrid of both, detected from /proc/self/mountinfo.
// Each resource comes from whichever hierarchy has its controller (v1 first: on a hybrid machine the v1
// hierarchies own the controllers); the v2 hierarchy, when mounted, also gives cpu.stat and cgroup.kill (kill a
// slot's whole tree at once). What is missing is reported and the sandbox falls back to rlimits for it.
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Glibc

/// What this machine's cgroups offer the sandbox.
public struct CgroupSupport: Sendable, Equatable, CustomStringConvertible {
    public enum Version: String, Sendable { case v1, v2, hybrid, none }
    /// v1 only, v2 only (unified), both (v1 controllers plus a cgroup2 mount), or no cgroup file system.
    public let version: Version
    /// Mount point of each mounted v1 controller (e.g. "memory": "/sys/fs/cgroup/memory").
    public let v1Controllers: [String: String]
    /// Mount point of the cgroup2 hierarchy, when mounted.
    public let v2Mount: String?
    /// Controllers the cgroup2 hierarchy can hand out (its root cgroup.controllers).
    public let v2Controllers: [String]

    /// Reads the mounts of this process (the text of /proc/self/mountinfo) and each cgroup2 root's controllers.
    public static func detect(mountinfo: String? = nil) -> CgroupSupport {
        let text = mountinfo ?? ((try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)) ?? "")
        var v1: [String: String] = [:]
        var v2: String?
        for line in text.split(separator: "\n") {
            // id parent major:minor root mountpoint options [optional fields] - fstype source superoptions
            let fields = line.split(separator: " ")
            guard let dash = fields.firstIndex(of: "-") else { continue }
            let left = fields[..<dash], right = Array(fields[(dash + 1)...])
            guard left.count >= 5, right.count >= 1 else { continue }
            let mountPoint = unescape(String(left[left.startIndex + 4]))
            switch right[0] {
            case "cgroup2":
                if v2 == nil { v2 = mountPoint }
            case "cgroup" where right.count >= 3:
                for option in right[2].split(separator: ",") where !option.contains("=") {
                    let name = String(option)
                    if !["rw", "ro", "relatime", "noatime", "nosuid", "nodev", "noexec", "clone_children",
                         "noprefix", "xattr", "cpuset_v2_mode"].contains(name), v1[name] == nil {
                        v1[name] = mountPoint
                    }
                }
            default: break
            }
        }
        let v2Controllers = v2.map {
            CgroupLimits.read($0 + "/cgroup.controllers").split(whereSeparator: \.isWhitespace).map(String.init)
        } ?? []
        let version: Version = v1.isEmpty ? (v2 == nil ? .none : .v2) : (v2 == nil ? .v1 : .hybrid)
        return CgroupSupport(version: version, v1Controllers: v1, v2Mount: v2, v2Controllers: v2Controllers)
    }

    /// mountinfo escapes spaces, tabs, newlines and backslashes as octal.
    private static func unescape(_ s: String) -> String {
        guard s.contains("\\") else { return s }
        var out = "", chars = Array(s), i = 0
        while i < chars.count {
            if chars[i] == "\\", i + 3 < chars.count, let code = UInt8(String(chars[(i + 1)...(i + 3)]), radix: 8) {
                out.append(Character(UnicodeScalar(code))); i += 4
            } else { out.append(chars[i]); i += 1 }
        }
        return out
    }

    /// The hierarchy that provides `controller` ("memory", "pids", "cpuacct"), as (mount point, is v2).
    func provider(_ controller: String) -> (mount: String, v2: Bool)? {
        if let m = v1Controllers[controller] { return (m, false) }
        let v2Name = controller == "cpuacct" ? "cpu" : controller
        if let m = v2Mount, v2Controllers.contains(v2Name) { return (m, true) }
        // cpu.stat (usage_usec) exists in every v2 group, with or without the cpu controller.
        if controller == "cpuacct", let m = v2Mount { return (m, true) }
        return nil
    }

    /// The resources with no cgroup here, each with its fallback.
    public var missing: [String] {
        var out: [String] = []
        if provider("memory") == nil { out.append("memory (falls back to RLIMIT_AS)") }
        if provider("pids") == nil { out.append("pids (falls back to RLIMIT_NPROC per slot uid)") }
        if provider("cpuacct") == nil { out.append("cpu accounting (falls back to RLIMIT_CPU per process)") }
        if v2Mount == nil { out.append("cgroup.kill (falls back to killing every process of the slot uid)") }
        return out
    }

    public var description: String {
        func where_(_ c: String) -> String {
            guard let p = provider(c) else { return "\(c): none" }
            return "\(c): \(p.v2 ? "v2" : "v1") \(p.mount)"
        }
        var parts = ["cgroup \(version.rawValue)"] + ["memory", "pids", "cpuacct"].map(where_)
        if let m = v2Mount { parts.append("kill: v2 \(m) (controllers: \(v2Controllers.isEmpty ? "none" : v2Controllers.joined(separator: " ")))") }
        let missing = self.missing
        if !missing.isEmpty { parts.append("missing: " + missing.joined(separator: "; ")) }
        return parts.joined(separator: ", ")
    }
}

/// The cgroup parents this process created and the per-slot groups made under them.
struct CgroupLimits: Sendable {
    let support: CgroupSupport
    /// Parent groups ("…/flowrl") that could be created, by controller; "kill" is the v2 parent.
    let parents: [String: (path: String, v2: Bool)]
    let missing: [String]

    /// Detects the layout; creates a `flowrl` parent group in each usable hierarchy (root only).
    static func detect() -> CgroupLimits {
        let support = CgroupSupport.detect()
        guard getuid() == 0 else {
            return CgroupLimits(support: support, parents: [:], missing: ["memory", "pids", "cpu", "cgroup.kill (not root)"])
        }
        let fm = FileManager.default
        var parents: [String: (path: String, v2: Bool)] = [:]
        func parent(_ mount: String, v2: Bool, controllers: [String]) -> String? {
            let dir = mount + "/flowrl"
            try? fm.createDirectory(atPath: dir, withIntermediateDirectories: false)
            guard fm.fileExists(atPath: dir + "/cgroup.procs") else { return nil }
            if v2, !controllers.isEmpty {
                // Controllers must be enabled on every level above the groups that use them.
                let list = controllers.map { "+" + $0 }.joined(separator: " ")
                write(mount + "/cgroup.subtree_control", list)
                write(dir + "/cgroup.subtree_control", list)
            }
            return dir
        }
        for controller in ["memory", "pids", "cpuacct"] {
            guard let p = support.provider(controller) else { continue }
            let v2Name = controller == "cpuacct" ? "cpu" : controller
            let wanted = p.v2 && support.v2Controllers.contains(v2Name) ? [v2Name] : []
            if let dir = parent(p.mount, v2: p.v2, controllers: wanted) { parents[controller] = (path: dir, v2: p.v2) }
        }
        if let m = support.v2Mount, let dir = parent(m, v2: true, controllers: []) { parents["kill"] = (path: dir, v2: true) }
        // On v2 a controller counts only if the parent really passes it down.
        for (name, p) in parents where p.v2 && name != "kill" && name != "cpuacct" {
            if !read(p.path + "/cgroup.subtree_control").contains(name) { parents[name] = nil }
        }
        for p in Set(parents.values.map(\.path)) { removeStaleGroups(in: p) }
        var missing: [String] = []
        if parents["memory"] == nil { missing.append("memory") }
        if parents["pids"] == nil { missing.append("pids") }
        if parents["cpuacct"] == nil { missing.append("cpuacct") }
        if parents["kill"] == nil { missing.append("cgroup.kill") }
        return CgroupLimits(support: support, parents: parents, missing: missing)
    }

    var hasMemory: Bool { parents["memory"] != nil }

    /// Removes the empty groups of graders that have exited ("s<pid>-…", or "r<pid>-…" of older versions): a
    /// process that exits without releasing its runner leaves its slots' groups behind.
    static func removeStaleGroups(in parent: String) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? [] {
            guard let first = name.first, first == "s" || first == "r",
                  let owner = Int32(name.dropFirst().prefix { $0 != "-" }), owner != getpid() else { continue }
            if kill(owner, 0) != 0 && errno == ESRCH { rmdir(parent + "/" + name) }
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

    /// One slot's groups (one directory per distinct hierarchy).
    struct Run {
        var directories: [String] = []
        var procsFiles: [String] = []
        var memoryEvents: String?
        var oomControl: String?
        var cpuUsage: String?
        var cpuStat: String?
        var killFile: String?
    }

    /// Creates fresh groups for one slot with the given limits.
    func makeRun(name: String, memoryBytes: Int, pids: Int) -> Run {
        var run = Run()
        var made: [String: String] = [:]  // parent path -> group
        func group(_ parent: String) -> String? {
            if let g = made[parent] { return g }
            let dir = parent + "/" + name
            guard mkdir(dir, 0o755) == 0 || errno == EEXIST else { return nil }
            made[parent] = dir
            run.directories.append(dir)
            run.procsFiles.append(dir + "/cgroup.procs")
            return dir
        }
        if let p = parents["memory"], let dir = group(p.path) {
            if p.v2 {
                Self.write(dir + "/memory.max", String(memoryBytes))
                Self.write(dir + "/memory.swap.max", "0")
                run.memoryEvents = dir + "/memory.events"
            } else {
                Self.write(dir + "/memory.limit_in_bytes", String(memoryBytes))
                Self.write(dir + "/memory.memsw.limit_in_bytes", String(memoryBytes))
                run.oomControl = dir + "/memory.oom_control"
            }
        }
        if let p = parents["pids"], let dir = group(p.path) { Self.write(dir + "/pids.max", String(pids)) }
        if let p = parents["cpuacct"], let dir = group(p.path) {
            if p.v2 { run.cpuStat = dir + "/cpu.stat" } else { run.cpuUsage = dir + "/cpuacct.usage" }
        }
        if let p = parents["kill"], let dir = group(p.path), FileManager.default.fileExists(atPath: dir + "/cgroup.kill") {
            run.killFile = dir + "/cgroup.kill"
            if run.cpuStat == nil && run.cpuUsage == nil { run.cpuStat = dir + "/cpu.stat" }
        }
        return run
    }
}

extension CgroupLimits.Run {
    /// How many times the kernel OOM-killed a process of this group so far.
    var oomKills: Int {
        for file in [memoryEvents, oomControl].compactMap({ $0 }) {
            for line in CgroupLimits.read(file).split(separator: "\n") {
                let parts = line.split(separator: " ")
                if parts.count == 2, parts[0] == "oom_kill", let n = Int(parts[1]) { return n }
            }
        }
        return 0
    }

    /// CPU seconds used by the group so far, when a cpu accounting file is present.
    var cpuSeconds: Double? {
        if let f = cpuUsage, let ns = Double(CgroupLimits.read(f).filter { !$0.isWhitespace }) { return ns / 1e9 }
        if let f = cpuStat {
            for line in CgroupLimits.read(f).split(separator: "\n") where line.hasPrefix("usage_usec ") {
                if let us = Double(line.dropFirst(11)) { return us / 1e6 }
            }
        }
        return nil
    }

    /// Kills every process in the group at once (v2 cgroup.kill); false when unavailable.
    @discardableResult
    func killAll() -> Bool {
        guard let killFile else { return false }
        return CgroupLimits.write(killFile, "1")
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
