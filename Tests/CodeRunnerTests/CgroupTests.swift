// Cgroup detection: the layout found from /proc/self/mountinfo must agree with /proc/self/cgroup and with the file
// system type of /sys/fs/cgroup; parsing is checked on fixed mountinfo texts; on this machine the slots must really
// live in the per-slot groups of the detected hierarchies.
import Testing
import Foundation
import Glibc
import CodeRunner

@Suite struct CgroupTests {
    /// The file-system type of `path` as coreutils' `stat -f` names it (tmpfs, cgroupfs, cgroup2fs).
    static func fsType(_ path: String) -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/stat")
        p.arguments = ["-f", "-c", "%T", path]
        let out = Pipe()
        p.standardOutput = out
        guard (try? p.run()) != nil else { return "" }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func detectionAgreesWithProcSelfCgroupAndTheMountType() throws {
        let support = CgroupSupport.detect()
        print("cgroups here: \(support)")
        let text = (try? String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8)) ?? ""
        var v1: Set<String> = []
        var unifiedLine = false
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else { continue }
            if parts[0] == "0" && parts[1].isEmpty { unifiedLine = true; continue }
            for c in parts[1].split(separator: ",") where !c.hasPrefix("name=") { v1.insert(String(c)) }
        }
        #expect(Set(support.v1Controllers.keys) == v1)
        if support.v2Mount != nil { #expect(unifiedLine) }
        for mount in Set(support.v1Controllers.values) { #expect(Self.fsType(mount) == "cgroupfs", "\(mount)") }
        if let m = support.v2Mount { #expect(Self.fsType(m) == "cgroup2fs", "\(m)") }
        switch Self.fsType("/sys/fs/cgroup") {
        case "cgroup2fs":
            #expect(support.version == .v2)
        case "tmpfs":
            #expect(support.version == (support.v2Mount == nil ? .v1 : .hybrid))
        default:
            #expect(support.version == .none || !support.v1Controllers.isEmpty || support.v2Mount != nil)
        }
    }

    @Test func mountinfoOfAHybridMachine() {
        let info = """
            24 30 0:22 / /sys/fs/cgroup ro,nosuid,nodev,noexec shared:9 - tmpfs tmpfs ro,mode=755
            25 24 0:23 / /sys/fs/cgroup/unified rw,nosuid,nodev,noexec,relatime shared:10 - cgroup2 cgroup2 rw,nsdelegate
            27 24 0:25 / /sys/fs/cgroup/memory rw,nosuid,nodev,noexec,relatime shared:12 - cgroup cgroup rw,memory
            28 24 0:26 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid,nodev,noexec,relatime shared:13 - cgroup cgroup rw,cpu,cpuacct
            29 24 0:27 / /sys/fs/cgroup/my\\040pids rw,relatime - cgroup cgroup rw,pids
            30 24 0:28 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,xattr,name=systemd
            """
        let s = CgroupSupport.detect(mountinfo: info)
        #expect(s.version == .hybrid)
        #expect(s.v2Mount == "/sys/fs/cgroup/unified")
        #expect(s.v1Controllers == ["memory": "/sys/fs/cgroup/memory", "cpu": "/sys/fs/cgroup/cpu,cpuacct",
                                    "cpuacct": "/sys/fs/cgroup/cpu,cpuacct", "pids": "/sys/fs/cgroup/my pids"])
        #expect(s.missing.isEmpty)
    }

    @Test func mountinfoOfUnifiedAndOfNoCgroups() {
        let unified = "35 24 0:30 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot\n"
        let v2 = CgroupSupport.detect(mountinfo: unified)
        #expect(v2.version == .v2)
        #expect(v2.v1Controllers.isEmpty)
        #expect(v2.v2Mount == "/sys/fs/cgroup")
        let none = CgroupSupport.detect(mountinfo: "22 1 0:5 / /proc rw - proc proc rw\n")
        #expect(none.version == .none)
        #expect(none.missing.count == 4)
    }

    @Test func slotsLiveInTheirOwnGroups() async throws {
        guard let runner = Fixture.runner else { print(Fixture.skip); return }
        var profile = runner.profile
        profile.uidBase += 2700
        let single = try CodeRunner(profile: profile, workers: 1)
        defer { single.shutdown() }
        let grade = await single.grade(CodeJob(code: "print(1)\n", tests: Fixture.stdin([("", "1")])))
        #expect(grade.verdict == .accepted)
        let zygote = try #require(SlotProcesses(uid: profile.uidBase).zygote)
        let groups = (try? String(contentsOfFile: "/proc/\(zygote)/cgroup", encoding: .utf8)) ?? ""
        let support = single.cgroupSupport
        for controller in ["memory", "pids"] where support.v1Controllers[controller] != nil
            && !single.missingCgroupControllers.contains(controller) {
            let line = groups.split(separator: "\n").first { $0.split(separator: ":").dropFirst().first?.split(separator: ",").contains(Substring(controller)) == true }
            #expect(line?.contains("/flowrl/s") == true, "\(controller): \(String(describing: line))")
        }
        if support.v2Mount != nil && !single.missingCgroupControllers.contains("cgroup.kill") {
            #expect(groups.split(separator: "\n").contains { $0.hasPrefix("0::/flowrl/s") }, "\(groups)")
        }
    }
}
